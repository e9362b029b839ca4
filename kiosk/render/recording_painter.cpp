#include "render/recording_painter.h"

#include <algorithm>
#include <cmath>

#include "render/glyph_set.h"

namespace eco {

Vec2 RecordingPainter::measure_text(std::string_view utf8, float size, float wrap_width, bool) {
  float width = 0;
  for (char32_t c : decode_utf8(utf8)) width += size * (c >= 0x2E80 ? 1.0f : 0.55f);
  float lines = 1;
  if (wrap_width > 0 && width > wrap_width) {
    lines = std::ceil(width / wrap_width);
    width = wrap_width;
  }
  return {width, lines * size * 1.4f};
}

Vec2 RecordingPainter::text(Vec2 pos, std::string_view utf8, const TextStyle& style) {
  texts.push_back({std::string(utf8), pos, style.size, style});
  return measure_text(utf8, style.size, style.wrap_width, style.bold);
}

}  // namespace eco
