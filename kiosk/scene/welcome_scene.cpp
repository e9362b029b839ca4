#include "scene/welcome_scene.h"

#include <fmt/format.h>

#include "render/theme.h"
#include "scene/backdrop.h"

namespace eco {

void WelcomeScene::frame(const SceneContext& ctx, Painter& p) {
  Vec2 size = p.canvas_size();
  const LocalTime& t = ctx.local;
  draw_backdrop(p, ctx.campaign);
  float cx = size.x / 2;
  bool portrait = size.y > size.x;
  float y = portrait ? 420 : 150;
  p.text({cx, y}, ctx.locale.t("welcome.greeting"), TextStyle{theme::kTitle, theme::kAccent, Align::Center, 0, true});
  y += theme::kTitle * 1.6f;
  p.text({cx, y}, ctx.config.org_name,
         TextStyle{theme::kHeadline * (portrait ? 0.7f : 0.85f), theme::kText, Align::Center, size.x - 2 * theme::kMargin, true});
  y += theme::kHeadline * (portrait ? 2.2f : 1.5f);
  std::string clock = fmt::format("{:02}:{:02}", t.hour, t.minute);
  p.text({cx, y}, clock, TextStyle{theme::kNumeral * 1.6f, theme::kText, Align::Center, 0, true});
  y += theme::kNumeral * 1.6f * 1.45f;
  p.text({cx, y}, ctx.locale.long_date(t), TextStyle{theme::kTitle * 0.8f, theme::kTextMuted, Align::Center});
  y += theme::kTitle * 1.5f;
  p.fill_rect({cx - 160, y, 320, 4}, accent_of(ctx.campaign), 2);
  y += 40;
  // During a campaign the attract page carries its slogan instead of the everyday line.
  std::string slogan = ctx.campaign ? ctx.campaign->slogan.get(ctx.locale.language()) : std::string();
  p.text({cx, y}, slogan.empty() ? ctx.config.welcome_line : slogan,
         TextStyle{theme::kBody * 1.2f, slogan.empty() ? theme::kText : accent_of(ctx.campaign), Align::Center,
                   size.x - 2 * theme::kMargin, !slogan.empty()});
  if (!notice_.empty()) {
    p.text({cx, size.y - 170}, notice_, TextStyle{theme::kSmall, theme::kWarm, Align::Center, size.x - 2 * theme::kMargin});
  }
  draw_footer(p, ctx);
}

std::chrono::milliseconds WelcomeScene::next_change(const SceneContext& ctx) const {
  // The clock shows minutes: the next picture is due at the top of the next minute.
  int ms_into_minute = ctx.local.second * 1000 + ctx.local.millisecond;
  return std::chrono::milliseconds{60'000 - ms_into_minute};
}

}  // namespace eco
