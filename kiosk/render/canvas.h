#pragma once
// The virtual canvas every scene draws on, and where it lands on the real display:
// scaled uniformly to fit, centred, with black bars (letterbox or pillarbox) on the rest.
#include <optional>

#include "render/painter.h"

namespace eco {

struct CanvasGeometry {
  int canvas_w = 1920, canvas_h = 1080;
  int output_w = 1920, output_h = 1080;

  static CanvasGeometry landscape(int output_w, int output_h) { return {1920, 1080, output_w, output_h}; }
  static CanvasGeometry portrait(int output_w, int output_h) { return {1080, 1920, output_w, output_h}; }

  float scale() const;
  // The destination rectangle of the canvas on the output, in output pixels.
  Rect destination() const;
  // Output pixel → canvas coordinates; nullopt when the point is on a bar, outside the canvas.
  std::optional<Vec2> to_canvas(float output_x, float output_y) const;
  Vec2 to_output(Vec2 canvas_point) const;
};

}  // namespace eco
