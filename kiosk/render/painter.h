#pragma once
// Drawing on the virtual canvas (1920×1080 or 1080×1920), whatever the real display is.
// Scenes and the Lua `ui` API draw only through this interface: the kiosk implements it
// with Dear ImGui draw lists (render/imgui_painter), tests with a recorder (render/recording_painter).
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace eco {

struct PixelImage;  // render/pixel_image.h

struct Vec2 {
  float x = 0, y = 0;
};

struct Rect {
  float x = 0, y = 0, w = 0, h = 0;
  bool contains(Vec2 p) const { return p.x >= x && p.y >= y && p.x < x + w && p.y < y + h; }
  Vec2 center() const { return {x + w / 2, y + h / 2}; }
};

struct Color {
  uint8_t r = 0, g = 0, b = 0, a = 255;
  static Color hex(uint32_t rgb, uint8_t alpha = 255) {
    return {uint8_t(rgb >> 16), uint8_t(rgb >> 8), uint8_t(rgb), alpha};
  }
};

// A colour (often a theme colour) at another opacity.
constexpr Color with_alpha(Color c, uint8_t alpha) {
  c.a = alpha;
  return c;
}

enum class Align { Left, Center, Right };

// Pixels another thread produces (a video's frames). The source owns its texture and uploads its
// newest picture into it when the painter asks, on the render thread.
class TextureSource {
 public:
  virtual ~TextureSource() = default;
  // The texture for `renderer` (an SDL_Renderer*) and its size, or nullptr before the first picture.
  virtual void* texture(void* renderer, Vec2& size) = 0;
};

struct TextStyle {
  float size = 36;         // pixel height on the canvas
  Color color{255, 255, 255, 255};
  Align align = Align::Left;  // relative to the x given (center: x is the middle)
  float wrap_width = 0;    // 0 = no wrapping; Chinese wraps between any two characters
  bool bold = false;
};

// A finger (or the mouse) dragged across the screen and lifted: its direction is the axis it
// moved most along ("left": towards smaller x).
enum class SwipeDirection { Left, Right, Up, Down };
struct Swipe {
  Vec2 from, to;
  SwipeDirection direction;
};
inline const char* swipe_name(SwipeDirection d) {
  return d == SwipeDirection::Left ? "left" : d == SwipeDirection::Right ? "right" : d == SwipeDirection::Up ? "up" : "down";
}

// What the pointer did this frame, in canvas coordinates.
struct FrameInput {
  std::vector<Vec2> taps;  // each physical tap exactly once
  std::vector<Swipe> swipes;  // each drag exactly once, when lifted
  Vec2 pointer{-1, -1};
  bool pointer_down = false;
  std::vector<std::string> keys;  // key names pressed this frame ("Return", "F5")
  std::string text;               // text typed this frame (UTF-8)
};

class Painter {
 public:
  virtual ~Painter() = default;
  virtual Vec2 canvas_size() const = 0;

  virtual void fill_rect(Rect r, Color c, float rounding = 0) = 0;
  // Vertical gradient; painters without gradients fill with the top colour.
  virtual void fill_rect_vgradient(Rect r, Color top, Color /*bottom*/) { fill_rect(r, top); }
  virtual void stroke_rect(Rect r, Color c, float rounding = 0, float thickness = 2) = 0;
  virtual void line(Vec2 a, Vec2 b, Color c, float thickness = 2) = 0;
  virtual void polyline(std::span<const Vec2> points, Color c, float thickness = 2) = 0;
  virtual void fill_convex(std::span<const Vec2> points, Color c) = 0;
  virtual void fill_circle(Vec2 center, float radius, Color c) = 0;
  // Arc from angle a0 to a1 in radians (0 = 3 o'clock, clockwise on screen).
  virtual void arc(Vec2 center, float radius, float a0, float a1, Color c, float thickness) = 0;

  // Draws UTF-8 text with its top-left (or top-centre/-right) at pos; returns the size drawn.
  virtual Vec2 text(Vec2 pos, std::string_view utf8, const TextStyle& style) = 0;
  virtual Vec2 measure_text(std::string_view utf8, float size, float wrap_width = 0, bool bold = false) = 0;
  // Draws an image file (already validated and resolved by the caller) scaled into r keeping
  // its aspect ratio; returns false (and draws nothing) if it cannot be loaded.
  virtual bool image(Rect r, const std::string& path, Color tint = {255, 255, 255, 255}) = 0;
  // Draws a source's current picture into r, whole and centred (contain) or filling r and cropped
  // (cover); returns false (and draws nothing) while it has none.
  virtual bool texture(Rect /*r*/, TextureSource& /*source*/, bool /*cover*/, Color /*tint*/ = {255, 255, 255, 255}) {
    return false;
  }

  // Draws pixels decoded elsewhere (render/pixel_image.h) stretched into r, the part `uv` of them
  // (0..1 on both axes); returns false (and draws nothing) if they cannot be shown.
  virtual bool pixels(Rect /*r*/, const std::shared_ptr<const PixelImage>& /*image*/, Rect /*uv*/ = {0, 0, 1, 1},
                      Color /*tint*/ = {255, 255, 255, 255}) {
    return false;
  }

  virtual void push_clip(Rect r) = 0;
  virtual void pop_clip() = 0;
  // Multiplies every colour's alpha (crossfades); 1 = opaque.
  virtual void set_global_alpha(float alpha) = 0;
  virtual float global_alpha() const = 0;
};

}  // namespace eco
