#include "scene/backdrop.h"

#include "render/theme.h"

namespace eco {

void draw_backdrop(Painter& p) {
  Vec2 size = p.canvas_size();
  p.fill_rect_vgradient({0, 0, size.x, size.y}, theme::kBackgroundTop, theme::kBackgroundBottom);
  // A soft leaf-green arc in the corner: recognisable, quiet, never behind text.
  p.arc({size.x, size.y}, size.y * 0.55f, 3.1416f, 4.7124f, Color{0x5C, 0xD6, 0x8A, 40}, 18);
  p.arc({size.x, size.y}, size.y * 0.42f, 3.1416f, 4.7124f, Color{0x5C, 0xD6, 0x8A, 28}, 10);
}

void draw_header(Painter& p, const std::string& left, const std::string& right) {
  Vec2 size = p.canvas_size();
  p.fill_rect({0, 0, size.x, 120}, Color{0, 0, 0, 60});
  p.fill_rect({0, 120, size.x, 4}, theme::kAccent);
  TextStyle style{theme::kBody, theme::kText, Align::Left, 0, true};
  p.text({theme::kMargin, 32}, left, style);
  style.align = Align::Right;
  style.bold = false;
  style.color = theme::kTextMuted;
  p.text({size.x - theme::kMargin, 32}, right, style);
}

void draw_footer(Painter& p, const std::string& text) {
  Vec2 size = p.canvas_size();
  p.text({size.x / 2, size.y - 80}, text, TextStyle{theme::kSmall, theme::kTextMuted, Align::Center});
}

}  // namespace eco
