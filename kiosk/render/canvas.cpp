#include "render/canvas.h"

#include <algorithm>
#include <cmath>

namespace eco {

float CanvasGeometry::scale() const {
  return std::min(static_cast<float>(output_w) / canvas_w, static_cast<float>(output_h) / canvas_h);
}

Rect CanvasGeometry::destination() const {
  float s = scale();
  // Whole pixels so the copy is not resampled at a sub-pixel offset.
  float w = std::round(canvas_w * s), h = std::round(canvas_h * s);
  return {std::floor((output_w - w) / 2), std::floor((output_h - h) / 2), w, h};
}

std::optional<Vec2> CanvasGeometry::to_canvas(float x, float y) const {
  Rect d = destination();
  if (d.w <= 0 || d.h <= 0 || !d.contains({x, y})) return std::nullopt;
  return Vec2{(x - d.x) * canvas_w / d.w, (y - d.y) * canvas_h / d.h};
}

Vec2 CanvasGeometry::to_output(Vec2 p) const {
  Rect d = destination();
  return {d.x + p.x * d.w / canvas_w, d.y + p.y * d.h / canvas_h};
}

}  // namespace eco
