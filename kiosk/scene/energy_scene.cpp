#include "scene/energy_scene.h"

#include <cmath>

#include <fmt/format.h>

#include "render/number_format.h"
#include "render/theme.h"
#include "scene/backdrop.h"

namespace eco {
namespace {

using nlohmann::json;

double num(const json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : NAN;
}

// Big figures in 万 (ten thousands), as Chinese readers count them; no thousands separators.
std::string amount(double v) {
  if (v >= 100000) return format_number(v / 10000, 1, Grouping::None) + "万";
  return format_number(v, v >= 100 ? 0 : 1, Grouping::None);
}

std::string change_text(double pct) { return fmt::format("{}{:.1f}%", pct > 0 ? "+" : "", pct); }

// Lower is better: savings are green, increases amber.
Color change_color(double pct) { return pct <= 0 ? theme::kAccent : theme::kWarm; }

const json* find_building(const json& snap, const std::string& id) {
  if (id.empty()) return snap.contains("total") ? &snap["total"] : nullptr;
  for (const auto& b : snap["buildings"])
    if (b.value("id", "") == id) return &b;
  return snap.contains("total") ? &snap["total"] : nullptr;
}

}  // namespace

void EnergyScene::frame(const SceneContext& ctx, Painter& p) {
  const Locale& l = ctx.locale;
  draw_backdrop(p, ctx.campaign);
  draw_header(p, ctx.config.org_name,
              fmt::format("{}  {:02}:{:02}", l.long_date(ctx.local), ctx.local.hour, ctx.local.minute));
  auto snap = source_ ? source_() : nullptr;
  drawn_ = snap.get();
  const json* b = snap ? find_building(*snap, building_) : nullptr;
  Vec2 size = p.canvas_size();
  if (!b) {
    p.text({size.x / 2, size.y * 0.4f}, l.t("energy.no_data"), TextStyle{theme::kTitle, theme::kText, Align::Center, 0, true});
    p.text({size.x / 2, size.y * 0.4f + 110}, l.t("energy.no_data_hint"),
           TextStyle{theme::kBody, theme::kTextMuted, Align::Center, size.x - 2 * theme::kMargin});
    draw_footer(p, ctx);
    return;
  }
  draw_figures(ctx, p, *snap, *b);
}

void EnergyScene::draw_figures(const SceneContext& ctx, Painter& p, const json& snap, const json& b) {
  const Locale& l = ctx.locale;
  Vec2 size = p.canvas_size();
  bool portrait = size.y > size.x;
  const float m = theme::kMargin;
  float y = 170;
  std::string scope = b.value("id", "") == "total" ? l.t("energy.scope_total", {{"count", std::to_string(snap.value("buildings_count", snap["buildings"].size()))}})
                                                   : b.value("name", "");
  p.fill_rect({m, y + 8, 12, theme::kTitle}, theme::kAccent, 4);
  p.text({m + 40, y}, l.t("energy.title"), TextStyle{theme::kTitle, theme::kText, Align::Left, 0, true});
  p.text({size.x - m, y + 18}, scope, TextStyle{theme::kBody, theme::kTextMuted, Align::Right});
  y += theme::kTitle + 50;

  // Three tiles for today, each against the same span last year.
  struct Tile {
    const char* label;
    const char* key;
    const char* unit;
  };
  const Tile tiles[] = {{"energy.today_electricity", "electricity_kwh", "kWh"},
                        {"energy.today_water", "water_m3", "m³"},
                        {"energy.today_gas", "gas_m3", "m³"}};
  int columns = portrait ? 1 : 3;
  float gap = 40, tile_w = (size.x - 2 * m - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns);
  float tile_h = 260;
  for (int i = 0; i < 3; ++i) {
    float x = m + static_cast<float>(i % columns) * (tile_w + gap);
    float ty = y + static_cast<float>(i / columns) * (tile_h + 30);
    p.fill_rect({x, ty, tile_w, tile_h}, theme::kPanel, 18);
    p.text({x + 36, ty + 28}, l.t(tiles[i].label), TextStyle{theme::kBody, theme::kTextMuted});
    double v = num(b["today"], tiles[i].key);
    Vec2 value = p.text({x + 36, ty + 80}, amount(v), TextStyle{theme::kHeadline, theme::kText, Align::Left, 0, true});
    p.text({x + 56 + value.x, ty + 80 + theme::kHeadline - theme::kBody - 10}, tiles[i].unit, TextStyle{theme::kBody, theme::kTextMuted});
    double change = num(b["change_pct"]["today"], tiles[i].key);
    if (std::isfinite(change))
      p.text({x + 36, ty + 80 + theme::kHeadline + 24}, l.t("energy.versus_last_year", {{"change", change_text(change)}}),
             TextStyle{theme::kSmall + 4, change_color(change)});
    else
      p.text({x + 36, ty + 80 + theme::kHeadline + 24}, l.t("energy.no_comparison"), TextStyle{theme::kSmall, theme::kTextMuted});
  }
  y += portrait ? 3 * (tile_h + 30) + 10 : tile_h + 40;

  // This month's energy and the year's CO2, in one line each.
  double month = num(b["month"], "energy_kgce"), month_change = num(b["change_pct"]["month"], "energy_kgce");
  double co2_t = num(b["ytd"], "co2_kg") / 1000.0;
  float half = portrait ? size.x - 2 * m : (size.x - 2 * m) / 2 - 20;
  p.text({m, y}, fmt::format("{}  {} kgce", l.t("energy.month_energy"), amount(month)), TextStyle{theme::kBody, theme::kText});
  if (std::isfinite(month_change))
    p.text({m, y + 56}, l.t("energy.versus_last_year", {{"change", change_text(month_change)}}),
           TextStyle{theme::kSmall, change_color(month_change)});
  float right_x = portrait ? m : m + half + 40;
  float right_y = portrait ? y + 120 : y;
  p.text({right_x, right_y}, fmt::format("{}  {} t", l.t("energy.year_co2"), amount(co2_t)), TextStyle{theme::kBody, theme::kText});
  y = (portrait ? right_y : y) + 110;

  // Targets: actual so far against the target pro-rated to date.
  float targets_w = portrait ? size.x - 2 * m : half;
  p.text({m, y}, l.t("energy.targets"), TextStyle{theme::kSmall, theme::kTextMuted});
  float ry = y + 50;
  for (const auto& t : b["targets"]) {
    std::string key = "energy.indicator_" + t.value("id", "");
    if (!l.has(key)) continue;
    double actual = num(t, "actual"), target = num(t, "target_to_date");
    if (!std::isfinite(actual) || !(target > 0)) continue;
    bool ok = t.value("on_track", false);
    p.text({m, ry}, l.t(key), TextStyle{theme::kSmall, theme::kText});
    float bar_x = m + 300, bar_w = targets_w - 300 - 170;
    p.fill_rect({bar_x, ry + 8, bar_w, 22}, theme::kTrack, 11);
    float share = static_cast<float>(std::min(actual / target, 1.5) / 1.5);
    p.fill_rect({bar_x, ry + 8, bar_w * share, 22}, ok ? theme::kAccent : theme::kWarm, 11);
    p.line({bar_x + bar_w / 1.5f, ry}, {bar_x + bar_w / 1.5f, ry + 38}, theme::kText, 3);  // the target mark
    p.text({bar_x + bar_w + 20, ry}, fmt::format("{:.0f}% {}", actual / target * 100, ok ? l.t("energy.on_track") : l.t("energy.over")),
           TextStyle{theme::kSmall, ok ? theme::kAccent : theme::kWarm});
    ry += 48;
  }

  // The ranking: the top five, and this screen's own institution if it is further down.
  float rank_x = portrait ? m : m + half + 40, rank_y = portrait ? ry + 40 : y;
  if (!snap["rankings"].empty() && rank_y < size.y - 300) {
    p.text({rank_x, rank_y}, l.t("energy.ranking"), TextStyle{theme::kSmall, theme::kTextMuted});
    float row = rank_y + 50;
    int shown = 0;
    for (const auto& r : snap["rankings"]) {
      bool own = r.value("building", "") == building_;
      if (shown >= 5 && !own) continue;
      if (row > size.y - 190) break;
      Color c = own ? theme::kAccent : theme::kText;
      std::string place = r.value("eligible", false) ? fmt::format("{}.", r["rank"].get<int>()) : "—";
      p.text({rank_x, row}, place, TextStyle{theme::kSmall, c});
      p.text({rank_x + 70, row}, r.value("name", ""), TextStyle{theme::kSmall, c, Align::Left, half - 300});
      double pct = num(r, "reduction_pct");
      std::string right = r.value("eligible", false) ? fmt::format("{:.1f}%", pct) : l.t("energy.incomplete");
      p.text({rank_x + half - 20, row}, right, TextStyle{theme::kSmall, r.value("eligible", false) ? c : theme::kTextMuted, Align::Right});
      row += 46;
      ++shown;
    }
  }

  // How old the figures are; amber when the data has stopped coming.
  const json& meta = snap.contains("meta") ? snap["meta"] : json::object();
  std::string updated = meta.value("updated_at", "");
  int64_t latest = meta.value("latest_epoch", int64_t{0});
  int64_t stale_after = meta.value("stale_after_s", int64_t{1800});
  int64_t now = unix_seconds(ctx.clock.now());
  bool stale = latest == 0 || now - latest > stale_after;
  std::string footer = updated.empty() ? l.t("energy.no_data") : l.t("energy.updated", {{"time", updated}});
  float fy = size.y - 100;
  Vec2 used = p.text({m, fy}, footer, TextStyle{theme::kSmall, stale ? theme::kWarm : theme::kTextMuted});
  if (stale || meta.value("from_cache", false)) {
    std::string badge = stale ? l.t("energy.stale") : l.t("energy.cached");
    Vec2 bs = p.measure_text(badge, theme::kSmall);
    Rect r{m + used.x + 30, fy - 6, bs.x + 36, theme::kSmall + 16};
    p.fill_rect(r, theme::kWarm, 10);
    p.text({r.x + 18, fy}, badge, TextStyle{theme::kSmall, Color{0x20, 0x20, 0x20, 255}});
  }
}

std::chrono::milliseconds EnergyScene::next_change(const SceneContext& ctx) const {
  // A new snapshot redraws at once; otherwise the clock in the header changes each minute.
  auto snap = source_ ? source_() : nullptr;
  if (snap.get() != drawn_) return std::chrono::milliseconds(0);
  return std::chrono::milliseconds{60'000 - (ctx.local.second * 1000 + ctx.local.millisecond)};
}

std::string EnergyScene::text_for_glyphs() const {
  // Building names come from the feed, not from content files.
  std::string text = "kWhm³kgceCO2万—%.+-0123456789";
  if (auto snap = source_ ? source_() : nullptr)
    for (const auto& b : (*snap)["buildings"]) text += b.value("name", "");
  return text;
}

}  // namespace eco
