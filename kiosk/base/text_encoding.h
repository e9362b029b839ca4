#pragma once
// Text from outside arrives in whatever encoding its tool saved: UTF-8, or GB18030/GBK from
// Chinese Excel, WPS and older Notepad ("ANSI"). glibc's iconv converts; a byte that starts no
// character becomes U+FFFD and conversion goes on after it, so one bad byte costs one character.
#include <cstddef>
#include <string>
#include <string_view>

namespace eco {

struct Utf8Conversion {
  std::string text;     // valid UTF-8
  size_t replaced = 0;  // input bytes no character could be made of
};

Utf8Conversion convert_to_utf8(std::string_view in, const char* from);

// For a file that must be UTF-8 (TOML): empty when `text` is valid UTF-8, else one line saying
// where it stops being UTF-8 and what it probably is ("line 2 is not UTF-8 text; the file reads
// as GB18030/GBK …: save it as UTF-8").
std::string not_utf8_reason(std::string_view text);

}  // namespace eco
