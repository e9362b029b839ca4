#include "scene/still_frame.h"

#include <algorithm>

#include "render/theme.h"
#include "scene/backdrop.h"

namespace eco {

void still_box(const Config& config, int& w, int& h) {
  bool portrait = config.orientation == Orientation::Portrait;
  w = portrait ? 1080 : 1920;
  h = portrait ? 1920 : 1080;
}

Fit fit_of(const Slot& slot) { return slot.fit == "cover" ? Fit::Cover : Fit::Contain; }

void draw_still(Painter& p, const SceneContext& ctx, const std::shared_ptr<const PixelImage>& image, Fit fit,
                const std::optional<Color>& fill, const LocalizedText& caption) {
  Vec2 size = p.canvas_size();
  if (fill) p.fill_rect({0, 0, size.x, size.y}, *fill);
  else draw_backdrop(p, ctx.campaign);  // also what shows while the picture is still decoding
  if (image && image->width > 0 && image->height > 0) {
    float iw = float(image->width), ih = float(image->height);
    if (fit == Fit::Contain) {
      float s = std::min(size.x / iw, size.y / ih);
      float w = iw * s, h = ih * s;
      p.pixels({(size.x - w) / 2, (size.y - h) / 2, w, h}, image);
    } else {
      // Cover: the middle of the picture at the canvas's aspect.
      float s = std::max(size.x / iw, size.y / ih);
      float u = size.x / (iw * s), v = size.y / (ih * s);
      p.pixels({0, 0, size.x, size.y}, image, {(1 - u) / 2, (1 - v) / 2, u, v});
    }
  }
  const std::string& text = caption.get(ctx.locale.language());
  if (text.empty()) return;
  const float m = theme::kMargin;
  Vec2 t = p.measure_text(text, theme::kBody, size.x - 2 * m, true);
  float band = t.y + 48;
  p.fill_rect({0, size.y - band, size.x, band}, with_alpha(theme::kBackgroundBottom, 200));
  p.text({size.x / 2, size.y - band + 24}, text, TextStyle{theme::kBody, theme::kText, Align::Center, size.x - 2 * m, true});
}

}  // namespace eco
