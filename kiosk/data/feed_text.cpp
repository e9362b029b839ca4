#include "data/feed_text.h"

#include <iconv.h>

#include <cerrno>
#include <memory>

#include <fmt/format.h>

#include "base/utf8.h"

namespace eco::data {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kGb18030Bom = "\x84\x31\x95\x33";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

struct Utf8Conversion {
  std::string text;
  size_t replaced = 0;  // input bytes no character could be made of
};

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};

// Converts `in` to UTF-8; a byte that starts no valid character becomes U+FFFD and conversion
// goes on after it, so one bad cell costs one character, not the feed.
Utf8Conversion convert(std::string_view in, const char* from) {
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

std::string replaced_note(size_t n, const char* encoding) {
  return fmt::format("{} byte{} could not be read as {} and show as �", n, n == 1 ? "" : "s", encoding);
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

}  // namespace

std::optional<TextEncoding> parse_text_encoding(std::string_view name) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (lower == "auto") return TextEncoding::Auto;
  if (lower == "utf-8" || lower == "utf8") return TextEncoding::Utf8;
  if (lower == "gb18030" || lower == "gbk" || lower == "gb2312" || lower == "cp936") return TextEncoding::Gb18030;
  return std::nullopt;
}

DecodedText decode_feed_text(std::string body, TextEncoding encoding) {
  DecodedText d;
  std::string_view view(body);
  if (encoding != TextEncoding::Gb18030) {
    if (starts_with(view, kUtf8Bom)) {
      body.erase(0, kUtf8Bom.size());
      encoding = TextEncoding::Utf8;
    } else if (encoding == TextEncoding::Auto && (starts_with(view, kUtf16LeBom) || starts_with(view, kUtf16BeBom))) {
      Utf8Conversion c = convert(view, "UTF-16");  // the BOM tells the byte order, and is consumed
      d.text = std::move(c.text);
      d.note = "read as UTF-16 (from its byte order mark)";
      if (c.replaced) d.note += "; " + replaced_note(c.replaced, "UTF-16");
      return d;
    }
  }
  if (encoding != TextEncoding::Gb18030 && is_valid_utf8(body)) {
    d.text = std::move(body);
    return d;
  }
  if (encoding == TextEncoding::Utf8) {
    std::string valid = to_valid_utf8(body);
    size_t bad = 0;
    for (size_t i = 0; i + 2 < valid.size(); ++i) bad += valid.compare(i, 3, "\xEF\xBF\xBD") == 0;
    d.note = replaced_note(bad, "UTF-8 (the source's encoding = \"utf-8\")");
    d.text = std::move(valid);
    return d;
  }
  std::string_view gb(body);
  if (starts_with(gb, kGb18030Bom)) gb.remove_prefix(kGb18030Bom.size());
  Utf8Conversion c = convert(gb, "GB18030");
  if (encoding == TextEncoding::Auto)
    d.note = "not UTF-8: read as GB18030/GBK, as Chinese Excel and WPS save CSV (say encoding = \"gb18030\" for this source, or save as UTF-8)";
  if (c.replaced) d.note += (d.note.empty() ? "" : "; ") + replaced_note(c.replaced, "GB18030");
  d.text = std::move(c.text);
  return d;
}

}  // namespace eco::data
