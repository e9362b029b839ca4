#pragma once
// UTF-8 as every string that leaves a parser, a plugin or a log ring must be: valid. Feeds,
// plugins and files are outside input, and nlohmann's dump() throws on invalid text, so text is
// checked or repaired where it enters, and cut only on character boundaries.
#include <cstddef>
#include <string>
#include <string_view>

namespace eco {

// Length of the valid UTF-8 sequence starting at s[i] (1-4), or 0 when s[i] starts none
// (a stray continuation byte, an overlong form, a surrogate, past U+10FFFF, or a cut sequence).
size_t utf8_sequence_length(std::string_view s, size_t i);

bool is_valid_utf8(std::string_view s);

// Every invalid byte becomes U+FFFD; valid text is returned unchanged.
std::string to_valid_utf8(std::string_view s);

// The longest prefix of at most `max_bytes` bytes that does not split a character.
std::string_view utf8_prefix(std::string_view s, size_t max_bytes);

// For messages: valid UTF-8, at most `max_bytes` (plus "…" when cut).
std::string utf8_excerpt(std::string_view s, size_t max_bytes);

}  // namespace eco
