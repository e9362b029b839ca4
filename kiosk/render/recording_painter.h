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
};

class RecordingPainter : public Painter {
 public:
  explicit RecordingPainter(Vec2 canvas = {1920, 1080}) : canvas_(canvas) {}
  void clear() { texts.clear(); shapes = 0; images = 0; clip_depth = 0; }

  Vec2 canvas_size() const override { return canvas_; }
  void fill_rect(Rect, Color, float) override { ++shapes; }
  void stroke_rect(Rect, Color, float, float) override { ++shapes; }
  void line(Vec2, Vec2, Color, float) override { ++shapes; }
  void polyline(std::span<const Vec2>, Color, float) override { ++shapes; }
  void fill_convex(std::span<const Vec2>, Color) override { ++shapes; }
  void fill_circle(Vec2, float, Color) override { ++shapes; }
  void arc(Vec2, float, float, float, Color, float) override { ++shapes; }
  Vec2 text(Vec2 pos, std::string_view utf8, const TextStyle& style) override;
  Vec2 measure_text(std::string_view utf8, float size, float wrap_width, bool bold) override;
  bool image(Rect, const std::string&, Color) override { ++images; return true; }
  void push_clip(Rect) override { ++clip_depth; }
  void pop_clip() override { --clip_depth; }
  void set_global_alpha(float a) override { alpha_ = a; }
  float global_alpha() const override { return alpha_; }

  std::vector<RecordedText> texts;
  int shapes = 0, images = 0, clip_depth = 0;

 private:
  Vec2 canvas_;
  float alpha_ = 1;
};

}  // namespace eco
