#include "render/imgui_painter.h"

#include <algorithm>
#include <cmath>

#include <SDL.h>
#include <imgui.h>

#include "render/line_breaker.h"

namespace eco {
namespace {

constexpr size_t kMaxTextBytes = 8192;  // a runaway string is cut, not laid out for seconds

bool finite(Rect r) { return std::isfinite(r.x) && std::isfinite(r.y) && std::isfinite(r.w) && std::isfinite(r.h); }
bool finite(Vec2 v) { return std::isfinite(v.x) && std::isfinite(v.y); }
float clamp_size(float s) { return std::isfinite(s) ? std::clamp(s, 4.0f, 1000.0f) : 36.0f; }
ImVec2 iv(Vec2 v) { return {v.x, v.y}; }

}  // namespace

void ImGuiPainter::begin(ImDrawList* list) {
  list_ = list;
  clip_depth_ = 0;
  alpha_ = 1.0f;
}

void ImGuiPainter::end() {
  while (clip_depth_ > 0) pop_clip();
  list_ = nullptr;
}

unsigned int ImGuiPainter::pack(Color c) const {
  auto a = static_cast<unsigned>(std::lround(c.a * std::clamp(alpha_, 0.0f, 1.0f)));
  return IM_COL32(c.r, c.g, c.b, a);
}

void ImGuiPainter::fill_rect(Rect r, Color c, float rounding) {
  if (!list_ || !finite(r) || !std::isfinite(rounding)) return;
  list_->AddRectFilled({r.x, r.y}, {r.x + r.w, r.y + r.h}, pack(c), std::max(0.0f, rounding));
}

void ImGuiPainter::fill_rect_vgradient(Rect r, Color top, Color bottom) {
  if (!list_ || !finite(r) || r.h <= 0) return;
  // SDL's software renderer interpolates per-vertex colours per pixel (45 ms for a 1080p
  // gradient) but fills uniform quads as rectangles (~1 ms). One flat band per colour step
  // looks the same as a smooth gradient, because each step is a single level of one channel.
  int steps = std::max({std::abs(top.r - bottom.r), std::abs(top.g - bottom.g), std::abs(top.b - bottom.b),
                        std::abs(top.a - bottom.a)}) + 1;
  steps = std::clamp(steps, 1, std::max(1, static_cast<int>(r.h)));
  auto mix = [](uint8_t a, uint8_t b, float t) { return static_cast<uint8_t>(std::lround(a + (b - a) * t)); };
  for (int i = 0; i < steps; ++i) {
    float y0 = std::round(r.y + r.h * i / steps), y1 = std::round(r.y + r.h * (i + 1) / steps);
    float t = steps == 1 ? 0.0f : static_cast<float>(i) / (steps - 1);
    Color c{mix(top.r, bottom.r, t), mix(top.g, bottom.g, t), mix(top.b, bottom.b, t), mix(top.a, bottom.a, t)};
    list_->AddRectFilled({r.x, y0}, {r.x + r.w, y1}, pack(c));
  }
}

void ImGuiPainter::stroke_rect(Rect r, Color c, float rounding, float thickness) {
  if (!list_ || !finite(r) || !std::isfinite(rounding) || !std::isfinite(thickness)) return;
  list_->AddRect({r.x, r.y}, {r.x + r.w, r.y + r.h}, pack(c), std::max(0.0f, rounding), 0,
                 std::clamp(thickness, 0.5f, 200.0f));
}

void ImGuiPainter::line(Vec2 a, Vec2 b, Color c, float thickness) {
  if (!list_ || !finite(a) || !finite(b) || !std::isfinite(thickness)) return;
  list_->AddLine(iv(a), iv(b), pack(c), std::clamp(thickness, 0.5f, 200.0f));
}

void ImGuiPainter::polyline(std::span<const Vec2> points, Color c, float thickness) {
  if (!list_ || points.size() < 2 || !std::isfinite(thickness)) return;
  std::vector<ImVec2> pts;
  pts.reserve(points.size());
  for (Vec2 p : points)
    if (finite(p)) pts.push_back(iv(p));
  if (pts.size() >= 2)
    list_->AddPolyline(pts.data(), static_cast<int>(pts.size()), pack(c), 0, std::clamp(thickness, 0.5f, 200.0f));
}

void ImGuiPainter::fill_convex(std::span<const Vec2> points, Color c) {
  if (!list_ || points.size() < 3) return;
  std::vector<ImVec2> pts;
  for (Vec2 p : points)
    if (finite(p)) pts.push_back(iv(p));
  if (pts.size() >= 3) list_->AddConvexPolyFilled(pts.data(), static_cast<int>(pts.size()), pack(c));
}

void ImGuiPainter::fill_circle(Vec2 center, float radius, Color c) {
  if (!list_ || !finite(center) || !std::isfinite(radius) || radius <= 0) return;
  list_->AddCircleFilled(iv(center), std::min(radius, 5000.0f), pack(c), 0);
}

void ImGuiPainter::arc(Vec2 center, float radius, float a0, float a1, Color c, float thickness) {
  if (!list_ || !finite(center) || !std::isfinite(radius) || !std::isfinite(a0) || !std::isfinite(a1) ||
      !std::isfinite(thickness) || radius <= 0)
    return;
  list_->PathClear();
  int segments = std::clamp(static_cast<int>(std::abs(a1 - a0) * radius / 6.0f), 8, 256);
  list_->PathArcTo(iv(center), std::min(radius, 5000.0f), a0, a1, segments);
  list_->PathStroke(pack(c), 0, std::clamp(thickness, 0.5f, 400.0f));
}

std::vector<std::string> ImGuiPainter::layout(std::string_view utf8, float size, float wrap_width, bool bold,
                                              float& widest) {
  if (utf8.size() > kMaxTextBytes) utf8 = utf8.substr(0, kMaxTextBytes);
  fonts_.note_text(utf8);
  ImFont* font = fonts_.pick(size, bold, utf8);
  float scale = size / font->FontSize;
  auto width = [&](char32_t c) {
    return c <= 0xFFFF ? font->GetCharAdvance(static_cast<ImWchar>(c)) * scale : font->FallbackAdvanceX * scale;
  };
  auto lines = break_lines(utf8, std::isfinite(wrap_width) && wrap_width > 0 ? wrap_width : 0, width);
  widest = 0;
  for (const auto& l : lines) widest = std::max(widest, font->CalcTextSizeA(size, FLT_MAX, 0, l.c_str()).x);
  return lines;
}

Vec2 ImGuiPainter::measure_text(std::string_view utf8, float size, float wrap_width, bool bold) {
  size = clamp_size(size * fonts_.size_scale());
  float widest = 0;
  auto lines = layout(utf8, size, wrap_width, bold, widest);
  return {widest, lines.size() * size * kLineHeight};
}

Vec2 ImGuiPainter::text(Vec2 pos, std::string_view utf8, const TextStyle& style) {
  if (!list_ || !finite(pos)) return {0, 0};
  float size = clamp_size(style.size * fonts_.size_scale());
  float widest = 0;
  auto lines = layout(utf8, size, style.wrap_width, style.bold, widest);
  ImFont* font = fonts_.pick(size, style.bold, utf8);
  float line_h = size * kLineHeight;
  float y = pos.y + (line_h - size) / 2;
  for (const auto& l : lines) {
    float w = font->CalcTextSizeA(size, FLT_MAX, 0, l.c_str()).x;
    float x = style.align == Align::Left ? pos.x : style.align == Align::Center ? pos.x - w / 2 : pos.x - w;
    list_->AddText(font, size, {std::round(x), std::round(y)}, pack(style.color), l.c_str(), l.c_str() + l.size());
    y += line_h;
  }
  return {widest, lines.size() * line_h};
}

bool ImGuiPainter::image(Rect r, const std::string& path, Color tint) {
  if (!list_ || !images_ || !finite(r) || r.w <= 0 || r.h <= 0) return false;
  const ImageTexture* img = images_->get(path);
  if (!img) return false;
  float s = std::min(r.w / img->width, r.h / img->height);
  float w = img->width * s, h = img->height * s;
  ImVec2 a{r.x + (r.w - w) / 2, r.y + (r.h - h) / 2};
  list_->AddImage(static_cast<ImTextureID>(img->texture), a, {a.x + w, a.y + h}, {0, 0}, {1, 1}, pack(tint));
  return true;
}

bool ImGuiPainter::pixels(Rect r, const std::shared_ptr<const PixelImage>& image, Rect uv, Color tint) {
  if (!list_ || !images_ || !finite(r) || !finite(uv) || r.w <= 0 || r.h <= 0) return false;
  const ImageTexture* img = images_->get(image);
  if (!img) return false;
  list_->AddImage(static_cast<ImTextureID>(img->texture), {r.x, r.y}, {r.x + r.w, r.y + r.h}, {uv.x, uv.y},
                  {uv.x + uv.w, uv.y + uv.h}, pack(tint));
  return true;
}

bool ImGuiPainter::texture(Rect r, TextureSource& source, bool cover, Color tint) {
  if (!list_ || !images_ || !finite(r) || r.w <= 0 || r.h <= 0) return false;
  Vec2 size;
  void* tex = source.texture(images_->renderer(), size);
  if (!tex || size.x <= 0 || size.y <= 0) return false;
  images_->drawn_external(tex);
  ImVec2 a{r.x, r.y}, b{r.x + r.w, r.y + r.h}, uv0{0, 0}, uv1{1, 1};
  if (cover) {  // crop the picture's overflow through the texture coordinates
    float s = std::max(r.w / size.x, r.h / size.y);
    float u = r.w / (size.x * s), v = r.h / (size.y * s);
    uv0 = {(1 - u) / 2, (1 - v) / 2};
    uv1 = {(1 + u) / 2, (1 + v) / 2};
  } else {
    float s = std::min(r.w / size.x, r.h / size.y);
    float w = size.x * s, h = size.y * s;
    a = {r.x + (r.w - w) / 2, r.y + (r.h - h) / 2};
    b = {a.x + w, a.y + h};
  }
  list_->AddImage(static_cast<ImTextureID>(tex), a, b, uv0, uv1, pack(tint));
  return true;
}

void ImGuiPainter::push_clip(Rect r) {
  if (!list_ || !finite(r)) return;
  list_->PushClipRect({r.x, r.y}, {r.x + std::max(0.0f, r.w), r.y + std::max(0.0f, r.h)}, true);
  ++clip_depth_;
}

void ImGuiPainter::pop_clip() {
  if (!list_ || clip_depth_ == 0) return;  // an unbalanced pop from a plugin is ignored
  list_->PopClipRect();
  --clip_depth_;
}

}  // namespace eco
