#include "render/color.h"

namespace eco {
namespace {

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

std::optional<Color> parse_hex_color(std::string_view s) {
  if (s.empty() || s[0] != '#' || (s.size() != 7 && s.size() != 9)) return std::nullopt;
  int v[4] = {0, 0, 0, 255};
  for (size_t i = 0; i < (s.size() - 1) / 2; ++i) {
    int hi = hex_digit(s[1 + 2 * i]), lo = hex_digit(s[2 + 2 * i]);
    if (hi < 0 || lo < 0) return std::nullopt;
    v[i] = hi * 16 + lo;
  }
  return Color{uint8_t(v[0]), uint8_t(v[1]), uint8_t(v[2]), uint8_t(v[3])};
}

}  // namespace eco
