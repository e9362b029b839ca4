#include "scene/backdrop.h"

#include "render/theme.h"

namespace eco {

Color accent_of(const Campaign* campaign) {
  return campaign && campaign->accent ? *campaign->accent : theme::kAccent;
}

void draw_backdrop(Painter& p, const Campaign* campaign) {
  Vec2 size = p.canvas_size();
  p.fill_rect_vgradient({0, 0, size.x, size.y}, theme::kBackgroundTop, theme::kBackgroundBottom);
  // A soft arc in the corner: recognisable, quiet, never behind text.
  Color arc = accent_of(campaign);
  p.arc({size.x, size.y}, size.y * 0.55f, 3.1416f, 4.7124f, with_alpha(arc, 40), 18);
  p.arc({size.x, size.y}, size.y * 0.42f, 3.1416f, 4.7124f, with_alpha(arc, 28), 10);
  if (campaign && campaign->accent) p.fill_rect({0, size.y - 12, size.x, 12}, *campaign->accent);
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

void draw_footer(Painter& p, const SceneContext& ctx) {
  Vec2 size = p.canvas_size();
  const std::string& lang = ctx.locale.language();
  if (const Campaign* c = ctx.campaign) {
    std::string slogan = c->slogan.get(lang);
    std::string line = slogan.empty() ? c->name.get(lang) : c->name.get(lang) + "  ·  " + slogan;
    p.text({size.x / 2, size.y - 80}, line,
           TextStyle{theme::kSmall, accent_of(c), Align::Center, size.x - 2 * theme::kMargin, true});
    return;
  }
  p.text({size.x / 2, size.y - 80}, ctx.locale.t("welcome.footer"), TextStyle{theme::kSmall, theme::kTextMuted, Align::Center});
}

}  // namespace eco
