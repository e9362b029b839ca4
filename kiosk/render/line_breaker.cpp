#include "render/line_breaker.h"

#include "render/glyph_set.h"

namespace eco {
namespace {

bool is_cjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF) ||
         (c >= 0x3000 && c <= 0x303F) || (c >= 0x20000 && c <= 0x2FFFF);
}
bool no_line_start(char32_t c) {
  static const std::u32string chars = U"，。、；：？！）》」』】〕〉”’%‰℃·…—,.;:?!)]}";
  return chars.find(c) != std::u32string::npos;
}
bool no_line_end(char32_t c) {
  static const std::u32string chars = U"（《「『【〔〈“‘([{";
  return chars.find(c) != std::u32string::npos;
}

// An unbreakable run: a Latin word, one CJK character, or either glued to punctuation.
struct Unit {
  std::u32string text;
  bool space = false;
};

std::vector<Unit> split_units(const std::vector<char32_t>& cps) {
  std::vector<Unit> units;
  bool glue_next = false;  // previous unit ended with an opening bracket
  for (char32_t c : cps) {
    bool space = c == U' ' || c == U'\t' || c == 0x3000;
    if (space) {
      units.push_back({U" ", true});
      glue_next = false;
      continue;
    }
    bool attach = !units.empty() && !units.back().space &&
                  (glue_next || no_line_start(c) || (!is_cjk(c) && !is_cjk(units.back().text.back())));
    if (attach)
      units.back().text += c;
    else
      units.push_back({std::u32string(1, c), false});
    glue_next = no_line_end(c);
  }
  return units;
}

std::string to_utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) out += encode_utf8(c);
  return out;
}

}  // namespace

std::vector<std::string> break_lines(std::string_view utf8, float max_width, const GlyphWidth& width) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= utf8.size()) {
    size_t nl = utf8.find('\n', start);
    std::string_view paragraph = utf8.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
    if (!paragraph.empty() && paragraph.back() == '\r') paragraph.remove_suffix(1);

    std::u32string line;
    float line_w = 0;
    auto flush = [&] {
      while (!line.empty() && line.back() == U' ') line.pop_back();
      lines.push_back(to_utf8(line));
      line.clear();
      line_w = 0;
    };
    for (const Unit& u : split_units(decode_utf8(paragraph))) {
      float w = 0;
      for (char32_t c : u.text) w += width(c);
      if (u.space) {
        if (!line.empty()) {
          line += u.text;
          line_w += w;
        }
        continue;
      }
      if (max_width > 0 && line_w + w > max_width && !line.empty()) flush();
      if (max_width > 0 && w > max_width) {
        // A single word wider than the line: break it between characters.
        for (char32_t c : u.text) {
          float cw = width(c);
          if (line_w + cw > max_width && !line.empty() && !no_line_start(c)) flush();
          line += c;
          line_w += cw;
        }
        continue;
      }
      line += u.text;
      line_w += w;
    }
    flush();
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return lines;
}

}  // namespace eco
