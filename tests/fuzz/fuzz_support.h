#pragma once
// Shared by the libFuzzer harnesses of tests/fuzz: a scratch file rewritten for each input (for
// entry points that take a path), a UTF-8 check, quiet start-up, and the input as a parse result. A harness catches only the
// error types its entry point documents; anything else escaping, an abort or a sanitizer report
// is a finding (libFuzzer writes the input as crash-<sha1>).
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include <spdlog/spdlog.h>

namespace eco::fuzz {

inline const std::filesystem::path kSourceDir = ECOLOBBY_SOURCE_DIR;

// One private directory per process, removed at exit.
inline const std::filesystem::path& scratch_dir() {
  static const std::filesystem::path dir = [] {
    std::string tmpl = (std::filesystem::temp_directory_path() / "ecolobby-fuzz-XXXXXX").string();
    if (!::mkdtemp(tmpl.data())) {
      std::perror("mkdtemp");
      std::abort();
    }
    std::atexit([] {
      std::error_code ec;
      std::filesystem::remove_all(scratch_dir(), ec);
    });
    return std::filesystem::path(tmpl);
  }();
  return dir;
}

// Writes `bytes` to scratch_dir()/name (replacing what the previous input left) and returns the path.
inline std::filesystem::path write_scratch(const std::string& name, const uint8_t* data, size_t size) {
  std::filesystem::path p = scratch_dir() / name;
  std::FILE* f = std::fopen(p.c_str(), "wb");
  if (!f || (size && std::fwrite(data, 1, size, f) != size) || std::fclose(f) != 0) {
    std::perror(p.c_str());
    std::abort();
  }
  return p;
}

// Well-formed UTF-8 (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF.
inline bool valid_utf8(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) { ++i; continue; }
    size_t len;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; }
    else return false;
    if (i + len > n) return false;
    for (size_t k = 1; k < len; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return false;
    i += len;
  }
  return true;
}

// A broken guarantee: say which string, then abort so libFuzzer keeps the input.
// ECOLOBBY_FUZZ_NO_UTF8_CHECK=1 turns the check off, to look for other findings past a known one.
inline void require_utf8(std::string_view s, const char* what) {
  static const bool off = std::getenv("ECOLOBBY_FUZZ_NO_UTF8_CHECK") != nullptr;
  if (off || valid_utf8(s)) return;
  std::string hex;
  for (unsigned char c : s.substr(0, 64)) {
    char b[4];
    std::snprintf(b, sizeof b, "%02x", c);
    hex += b;
  }
  std::fprintf(stderr, "FINDING: %s is not valid UTF-8 (first bytes %s)\n", what, hex.c_str());
  std::abort();
}

// Logging off: messages cost time and hide libFuzzer's output.
inline void quiet() { spdlog::set_level(spdlog::level::off); }

// A harness's LLVMFuzzerInitialize: logging off, then each fixed input it reads (a function
// returning a static) loaded once, so the first input does not pay for it.
inline int start_quietly(auto&&... load_fixed_inputs) {
  quiet();
  ((void)load_fixed_inputs(), ...);
  return 0;
}

// The input as text (the parsers take bytes as a string_view).
inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// What `parse` returns, or nothing when it throws Error, the one error its entry point documents.
template <typename Error, typename Parse>
auto parsed_or_refused(Parse&& parse) -> std::optional<decltype(parse())> {
  try {
    return parse();
  } catch (const Error&) {
    return std::nullopt;
  }
}

}  // namespace eco::fuzz
