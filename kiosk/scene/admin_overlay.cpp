#include "scene/admin_overlay.h"

#include <fmt/format.h>

#include "render/theme.h"

namespace eco {

void draw_admin_overlay(Painter& p, const Locale& l, const AdminOverlayInfo& s) {
  Vec2 size = p.canvas_size();
  float w = std::min(1100.0f, size.x - 80), x = size.x - w - 40, y = 40;
  float h = std::min(size.y - 80, 860.0f);
  p.fill_rect({x, y, w, h}, Color{0, 0, 0, 215}, 16);
  p.stroke_rect({x, y, w, h}, theme::kAccent, 16, 2);
  float row = y + 28, label_x = x + 32, value_x = x + 420;
  TextStyle label{theme::kSmall, theme::kTextMuted};
  TextStyle value{theme::kSmall, theme::kText};
  p.text({label_x, row}, l.t("overlay.title"), TextStyle{theme::kBody, theme::kAccent, Align::Left, 0, true});
  row += 72;
  auto line = [&](const std::string& key, const std::string& text) {
    p.text({label_x, row}, l.t(key), label);
    p.text({value_x, row}, text, value);
    row += 46;
  };
  line("overlay.version", s.version);
  line("overlay.content_version", s.content_version.empty() ? "—" : s.content_version);
  line("overlay.renderer", s.renderer);
  line("overlay.scene", s.scene);
  line("overlay.fps", fmt::format("{:.1f}", s.fps));
  line("overlay.frame_ms", fmt::format("{:.1f} / {:.1f} ms", s.frame_p50_ms, s.frame_p99_ms));
  line("overlay.rss", fmt::format("{:.1f} MB", s.rss_mb));
  line("overlay.data_age", s.data_age.empty() ? l.t("overlay.no_data") : s.data_age);
  if (!s.participation.empty()) line("overlay.participation", s.participation);
  if (!s.updates.empty()) line("overlay.updates", s.updates);
  row += 12;
  p.text({label_x, row}, l.t("overlay.problems"), label);
  row += 46;
  if (s.problems.empty()) p.text({label_x, row}, l.t("overlay.no_problems"), value);
  p.push_clip({x, row, w, y + h - row - 16});
  for (auto it = s.problems.rbegin(); it != s.problems.rend(); ++it) {
    Vec2 used = p.text({label_x, row}, *it, TextStyle{22, theme::kWarm, Align::Left, w - 64});
    row += used.y + 6;
  }
  p.pop_clip();
}

}  // namespace eco
