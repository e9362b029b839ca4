#include "scene/slide_scene.h"

#include <fmt/format.h>

#include "render/theme.h"
#include "scene/backdrop.h"

namespace eco {

SlideScene::SlideScene(const Slot& slot, std::filesystem::path content_dir) : title_(slot.title), body_(slot.body) {
  if (!slot.image.empty()) image_path_ = (content_dir / slot.image).string();
}

void SlideScene::frame(const SceneContext& ctx, Painter& p) {
  Vec2 size = p.canvas_size();
  bool portrait = size.y > size.x;
  const std::string& lang = ctx.locale.language();
  draw_backdrop(p, ctx.campaign);
  draw_header(p, ctx.config.org_name,
              fmt::format("{}  {:02}:{:02}", ctx.locale.long_date(ctx.local), ctx.local.hour, ctx.local.minute));

  const float m = theme::kMargin;
  Rect text_box{m, 200, size.x - 2 * m, size.y - 360};
  Rect image_box{};
  if (!image_path_.empty()) {
    if (portrait) {
      image_box = {m, size.y * 0.52f, size.x - 2 * m, size.y * 0.40f};
      text_box.h = image_box.y - text_box.y - 40;
    } else {
      image_box = {size.x * 0.56f, 220, size.x * 0.44f - m, size.y - 400};
      text_box.w = size.x * 0.56f - m - 60;
    }
  }
  bool has_image = !image_path_.empty() && p.image(image_box, image_path_);
  if (!has_image) text_box.w = size.x - 2 * m;

  float y = text_box.y;
  p.fill_rect({m, y + 8, 12, theme::kTitle}, theme::kAccent, 4);
  Vec2 title = p.text({m + 40, y}, title_.get(lang), TextStyle{theme::kTitle, theme::kText, Align::Left, text_box.w - 40, true});
  y += title.y + 48;
  p.push_clip({text_box.x, y, text_box.w, text_box.y + text_box.h - y});
  p.text({m, y}, body_.get(lang), TextStyle{theme::kBody * 1.1f, theme::kText, Align::Left, text_box.w});
  p.pop_clip();
  draw_footer(p, ctx);
}

std::chrono::milliseconds SlideScene::next_change(const SceneContext& ctx) const {
  int ms_into_minute = ctx.local.second * 1000 + ctx.local.millisecond;  // header clock
  return std::chrono::milliseconds{60'000 - ms_into_minute};
}

}  // namespace eco
