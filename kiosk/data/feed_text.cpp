#include "data/feed_text.h"

#include <fmt/format.h>

#include "base/text_encoding.h"
#include "base/utf8.h"

namespace eco::data {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kGb18030Bom = "\x84\x31\x95\x33";
constexpr std::string_view kUtf16LeBom = "\xFF\xFE";
constexpr std::string_view kUtf16BeBom = "\xFE\xFF";

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
      Utf8Conversion c = convert_to_utf8(view, "UTF-16");  // the BOM tells the byte order, and is consumed
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
  Utf8Conversion c = convert_to_utf8(gb, "GB18030");
  if (encoding == TextEncoding::Auto)
    d.note = "not UTF-8: read as GB18030/GBK, as Chinese Excel and WPS save CSV (say encoding = \"gb18030\" for this source, or save as UTF-8)";
  if (c.replaced) d.note += (d.note.empty() ? "" : "; ") + replaced_note(c.replaced, "GB18030");
  d.text = std::move(c.text);
  return d;
}

}  // namespace eco::data
