#pragma once
// A Painter that draws nothing and remembers what it was asked to draw: for plugin tests
// ("was 回答正确 shown?") and benchmarks of the plugin API without a renderer. Text is measured
// with simple metrics: CJK characters one em wide, others 0.55 em.
#include <string>
#include <vector>

#include "render/painter.h"

namespace eco {

struct RecordedText {
  std::string text;
  Vec2 pos;
  float size = 0;
  TextStyle style;
};

// One shape, with what a widget test checks: where, how large, in which colour.
struct RecordedShape {
  enum class Kind { FillRect, StrokeRect, Line, Polyline, FillConvex, FillCircle, Arc } kind;
  Color color;
  Rect rect;                 // FillRect, StrokeRect
  std::vector<Vec2> points;  // Line (its two ends), Polyline, FillConvex; FillCircle and Arc: the centre
  float radius = 0;          // FillRect and StrokeRect: the rounding; FillCircle, Arc
  float a0 = 0, a1 = 0;      // Arc
  float thickness = 0;       // StrokeRect, Line, Polyline, Arc
};

class RecordingPainter : public Painter {
 public:
  explicit RecordingPainter(Vec2 canvas = {1920, 1080}) : canvas_(canvas) {}
  void clear() { texts.clear(); drawn.clear(); pixel_draws.clear(); shapes = 0; images = 0; clip_depth = 0; }

  Vec2 canvas_size() const override { return canvas_; }
  void fill_rect(Rect r, Color c, float rounding) override {
    record({.kind = RecordedShape::Kind::FillRect, .color = c, .rect = r, .radius = rounding});
  }
  void stroke_rect(Rect r, Color c, float rounding, float thickness) override {
    record({.kind = RecordedShape::Kind::StrokeRect, .color = c, .rect = r, .radius = rounding, .thickness = thickness});
  }
  void line(Vec2 a, Vec2 b, Color c, float thickness) override {
    record({.kind = RecordedShape::Kind::Line, .color = c, .points = {a, b}, .thickness = thickness});
  }
  void polyline(std::span<const Vec2> points, Color c, float thickness) override {
    record({.kind = RecordedShape::Kind::Polyline, .color = c, .points = {points.begin(), points.end()}, .thickness = thickness});
  }
  void fill_convex(std::span<const Vec2> points, Color c) override {
    record({.kind = RecordedShape::Kind::FillConvex, .color = c, .points = {points.begin(), points.end()}});
  }
  void fill_circle(Vec2 center, float radius, Color c) override {
    record({.kind = RecordedShape::Kind::FillCircle, .color = c, .points = {center}, .radius = radius});
  }
  void arc(Vec2 center, float radius, float a0, float a1, Color c, float thickness) override {
    record({.kind = RecordedShape::Kind::Arc, .color = c, .points = {center}, .radius = radius, .a0 = a0, .a1 = a1,
            .thickness = thickness});
  }
  Vec2 text(Vec2 pos, std::string_view utf8, const TextStyle& style) override;
  Vec2 measure_text(std::string_view utf8, float size, float wrap_width, bool bold) override;
  bool image(Rect, const std::string&, Color) override { ++images; return true; }
  bool pixels(Rect r, const std::shared_ptr<const PixelImage>& image, Rect, Color) override {
    if (!image) return false;
    ++images;
    pixel_draws.push_back(r);
    return true;
  }
  void push_clip(Rect) override { ++clip_depth; }
  void pop_clip() override { --clip_depth; }
  void set_global_alpha(float a) override { alpha_ = a; }
  float global_alpha() const override { return alpha_; }

  std::vector<RecordedText> texts;
  std::vector<RecordedShape> drawn;  // every shape, in the order drawn
  std::vector<Rect> pixel_draws;     // where decoded pixels (posters, PDF pages) were drawn
  int shapes = 0, images = 0, clip_depth = 0;  // shapes: drawn.size(), kept for the benchmarks

 private:
  void record(RecordedShape shape) {
    drawn.push_back(std::move(shape));
    ++shapes;
  }
  Vec2 canvas_;
  float alpha_ = 1;
};

}  // namespace eco
