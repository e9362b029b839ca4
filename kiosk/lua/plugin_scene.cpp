#include "lua/plugin_scene.h"

#include "base/utf8.h"
#include "lua/plugin_error.h"
#include "render/theme.h"
#include "scene/backdrop.h"

namespace eco::lua {

void PluginScene::enter(const SceneContext&) {
  failed_since_enter_ = false;
  runtime_->enter();
}

void PluginScene::frame(const SceneContext& ctx, Painter& p) {
  if (runtime_->manifest().kind == "scene") draw_backdrop(p, ctx.campaign);  // scenes draw on the kiosk's ground, never on black
  if (failed_since_enter_ || !runtime_->frame(p, ctx.input, ctx.dt)) {
    if (!failed_since_enter_) failed_at_ = ctx.clock.now();
    failed_since_enter_ = true;
    draw_error_card(ctx, p);
  }
}

bool PluginScene::finished(const SceneContext& ctx) const {
  if (runtime_->options().keep_broken_on_screen) return false;  // the developer wants to read the error
  return failed_since_enter_ && ctx.clock.now() - failed_at_ >= kErrorCardTime;
}

bool PluginScene::available() const {
  if (runtime_->options().keep_broken_on_screen) return true;
  if (!runtime_->started() || runtime_->disabled()) return false;
  if (!runtime_->manifest().needs_data) return true;
  DataService* data = runtime_->services().data;
  return data && data->snapshot() != nullptr;  // no figures yet: the rotation skips this page
}

std::string PluginScene::failure() const {
  if (failed_since_enter_ || (!runtime_->started() && !runtime_->last_error().empty()) || runtime_->disabled())
    return runtime_->last_error().empty() ? "disabled" : runtime_->last_error();
  return {};
}

std::chrono::milliseconds PluginScene::next_change(const SceneContext& ctx) const {
  return failed_since_enter_ ? std::chrono::milliseconds(kErrorCardTime) : runtime_->next_frame_in(ctx.in_use);
}

void PluginScene::draw_error_card(const SceneContext& ctx, Painter& p) {
  Vec2 size = p.canvas_size();
  draw_backdrop(p, ctx.campaign);
  Rect card{size.x / 2 - 600, size.y / 2 - 220, 1200, 440};
  p.fill_rect(card, Color{0, 0, 0, 120}, 24);
  p.stroke_rect(card, theme::kWarm, 24, 3);
  const std::string& lang = ctx.locale.language();
  p.text({size.x / 2, card.y + 70}, runtime_->manifest().display_name(lang),
         TextStyle{theme::kTitle, theme::kText, Align::Center, card.w - 80, true});
  p.text({size.x / 2, card.y + 180}, ctx.locale.t("plugin.error_card"),
         TextStyle{theme::kBody, theme::kWarm, Align::Center, card.w - 80});
  if (runtime_->options().dev_mode) {  // what went wrong, where (file:line), and what usually fixes it
    Vec2 drawn;
    {
      GlyphQuotaScope glyphs(&runtime_->glyph_quota());  // the error text is the plugin's
      drawn = p.text({card.x + 40, card.y + 250}, utf8_excerpt(error_summary(runtime_->last_error()), 300),
                     TextStyle{24, theme::kTextMuted, Align::Left, card.w - 80});
    }
    std::string hint = error_hint(runtime_->last_error(), ctx.locale);
    if (!hint.empty())
      p.text({card.x + 40, card.y + 250 + drawn.y + 16}, hint, TextStyle{24, theme::kText, Align::Left, card.w - 80});
  }
}

}  // namespace eco::lua
