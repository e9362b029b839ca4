#pragma once
// Breaks mixed Chinese/Latin text into lines that fit a width: a line may break between any
// two Chinese characters or at a space; Latin words stay whole unless one alone is too wide;
// closing punctuation (，。）》…) never starts a line and opening punctuation (（《“) never ends
// one (Chinese line-breaking rules, 禁则).
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace eco {

// Width of one codepoint at the size being laid out.
using GlyphWidth = std::function<float(char32_t)>;

// Returns the lines (without trailing spaces or the newline characters).
std::vector<std::string> break_lines(std::string_view utf8, float max_width, const GlyphWidth& width);

}  // namespace eco
