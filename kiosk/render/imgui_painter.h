#pragma once
// The kiosk's Painter: draws on an ImGui draw list in canvas coordinates, with our own
// Chinese line breaking, font choice by size and a global alpha for crossfades.
#include <vector>

#include "render/font_atlas.h"
#include "render/image_cache.h"
#include "render/painter.h"

struct ImDrawList;

namespace eco {

class ImGuiPainter : public Painter {
 public:
  ImGuiPainter(FontAtlas& fonts, ImageCache* images, Vec2 canvas_size)
      : fonts_(fonts), images_(images), canvas_(canvas_size) {}

  // Starts drawing on `list` for one frame (clip stack reset).
  void begin(ImDrawList* list);
  // Pops any clip rectangles a failed scene left pushed, so the draw list stays balanced.
  void end();

  Vec2 canvas_size() const override { return canvas_; }
  void fill_rect(Rect r, Color c, float rounding) override;
  void fill_rect_vgradient(Rect r, Color top, Color bottom) override;
  void stroke_rect(Rect r, Color c, float rounding, float thickness) override;
  void line(Vec2 a, Vec2 b, Color c, float thickness) override;
  void polyline(std::span<const Vec2> points, Color c, float thickness) override;
  void fill_convex(std::span<const Vec2> points, Color c) override;
  void fill_circle(Vec2 center, float radius, Color c) override;
  void arc(Vec2 center, float radius, float a0, float a1, Color c, float thickness) override;
  Vec2 text(Vec2 pos, std::string_view utf8, const TextStyle& style) override;
  Vec2 measure_text(std::string_view utf8, float size, float wrap_width, bool bold) override;
  bool image(Rect r, const std::string& path, Color tint) override;
  bool pixels(Rect r, const std::shared_ptr<const PixelImage>& image, Rect uv, Color tint) override;
  bool texture(Rect r, TextureSource& source, bool cover, Color tint) override;
  void push_clip(Rect r) override;
  void pop_clip() override;
  void set_global_alpha(float alpha) override { alpha_ = alpha; }
  float global_alpha() const override { return alpha_; }

  static constexpr float kLineHeight = 1.4f;  // CJK faces need more leading than Latin

 private:
  unsigned int pack(Color c) const;
  std::vector<std::string> layout(std::string_view utf8, float size, float wrap_width, bool bold, float& widest);
  FontAtlas& fonts_;
  ImageCache* images_;
  Vec2 canvas_;
  ImDrawList* list_ = nullptr;
  int clip_depth_ = 0;
  float alpha_ = 1.0f;
};

}  // namespace eco
