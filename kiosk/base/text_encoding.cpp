#include "base/text_encoding.h"

#include <iconv.h>

#include <algorithm>
#include <cerrno>
#include <memory>

#include <fmt/format.h>

#include "base/utf8.h"

namespace eco {
namespace {

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};

}  // namespace

Utf8Conversion convert_to_utf8(std::string_view in, const char* from) {
  Utf8Conversion out;
  iconv_t raw = iconv_open("UTF-8", from);
  if (raw == reinterpret_cast<iconv_t>(-1)) {  // no such converter in this libc: keep what is valid
    out.text = to_valid_utf8(in);
    out.replaced = in.size();
    return out;
  }
  std::unique_ptr<void, IconvCloser> cd(raw);
  out.text.resize(in.size() * 2 + 16);
  char* src = const_cast<char*>(in.data());  // iconv's signature; it does not write the input
  size_t src_left = in.size();
  size_t written = 0;
  while (src_left > 0) {
    char* dst = out.text.data() + written;
    size_t dst_left = out.text.size() - written;
    size_t r = iconv(raw, &src, &src_left, &dst, &dst_left);
    written = out.text.size() - dst_left;
    if (r != static_cast<size_t>(-1)) break;
    if (errno == E2BIG) {
      out.text.resize(out.text.size() * 2);
    } else {  // EILSEQ, or EINVAL for a sequence cut at the end
      if (out.text.size() - written < 3) out.text.resize(out.text.size() * 2);
      out.text.replace(written, 3, "\xEF\xBF\xBD");
      written += 3;
      ++src;
      --src_left;
      ++out.replaced;
      iconv(raw, nullptr, nullptr, nullptr, nullptr);  // reset the shift state after the bad byte
    }
  }
  out.text.resize(written);
  return out;
}

std::string not_utf8_reason(std::string_view text) {
  size_t bad = 0;
  while (bad < text.size()) {
    size_t n = utf8_sequence_length(text, bad);
    if (n == 0) break;
    bad += n;
  }
  if (bad >= text.size()) return {};
  size_t line = 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(bad), '\n'));
  std::string what = convert_to_utf8(text, "GB18030").replaced == 0
                         ? "the file reads as GB18030/GBK, as WPS and Notepad's \"ANSI\" save Chinese"
                         : "nor is it GB18030/GBK";
  return fmt::format("line {} is not UTF-8 text ({}): save the file as UTF-8", line, what);
}

}  // namespace eco
