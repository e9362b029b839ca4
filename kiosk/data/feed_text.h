#pragma once
// Feed bodies arrive in whatever encoding the exporter used: UTF-8 with or without a BOM from
// platforms, GB18030/GBK from Chinese Excel and WPS ("CSV (逗号分隔)" saves in the system code
// page), now and then UTF-16 from "Unicode text". Everything downstream (the parsers, the JSON
// snapshot, plugins, logs) needs valid UTF-8, so a body is decoded here first (base/text_encoding).
#include <optional>
#include <string>
#include <string_view>

namespace eco::data {

// `auto` recognises BOMs, keeps valid UTF-8 and reads anything else as GB18030.
enum class TextEncoding { Auto, Utf8, Gb18030 };

// "auto", "utf-8", "gb18030" (also "utf8", "gbk", "gb2312", of which GB18030 is a superset).
std::optional<TextEncoding> parse_text_encoding(std::string_view name);

struct DecodedText {
  std::string text;  // valid UTF-8, without BOM
  std::string note;  // empty, or one line for the source's problems ("read as GB18030 …")
};

// Never throws for the body's content: bytes that fit no encoding become U+FFFD and are counted.
DecodedText decode_feed_text(std::string body, TextEncoding encoding);

}  // namespace eco::data
