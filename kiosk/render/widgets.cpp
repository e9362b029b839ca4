#include "render/widgets.h"

#include <algorithm>
#include <cmath>

#include "render/theme.h"

namespace eco {

Rect touch_area(Rect r) {
  Rect hit = r;
  if (hit.w < kMinTouch) hit = {hit.x - (kMinTouch - hit.w) / 2, hit.y, kMinTouch, hit.h};
  if (hit.h < kMinTouch) hit = {hit.x, hit.y - (kMinTouch - hit.h) / 2, hit.w, kMinTouch};
  return hit;
}

ButtonStyle button_style(bool selected, float text_size) {
  return selected ? ButtonStyle{theme::kAccent, theme::kTextOnAccent, text_size}
                  : ButtonStyle{theme::kPanel, theme::kText, text_size};
}

Rect draw_button(Painter& p, Rect r, std::string_view label, const ButtonStyle& style) {
  constexpr float kPadding = 16;  // each side of the label
  p.fill_rect(r, style.fill, 20);
  p.stroke_rect(r, theme::kAccent, 20, 3);
  float wrap = r.w - 2 * kPadding;
  Vec2 m = p.measure_text(label, style.text_size, wrap, true);
  p.text({r.x + r.w / 2, r.y + (r.h - m.y) / 2}, label, TextStyle{style.text_size, style.text, Align::Center, wrap, true});
  return touch_area(r);
}

std::vector<Rect> draw_choice(Painter& p, std::span<const std::string_view> labels, const ChoiceList& list) {
  constexpr float kPadding = 32;  // each side of a label, which starts at the left
  std::vector<Rect> rows;
  rows.reserve(labels.size());
  for (size_t i = 0; i < labels.size(); ++i) {
    Rect r{list.x, list.y + static_cast<float>(i) * (list.row_h + list.gap), list.w, list.row_h};
    bool selected = list.selected == static_cast<int>(i + 1);
    ButtonStyle look = button_style(selected, list.text_size);
    p.fill_rect(r, look.fill, 20);
    p.stroke_rect(r, theme::kAccent, 20, 2);
    float wrap = r.w - 2 * kPadding;
    Vec2 m = p.measure_text(labels[i], list.text_size, wrap, false);
    p.text({r.x + kPadding, r.y + (r.h - m.y) / 2}, labels[i], TextStyle{list.text_size, look.text, Align::Left, wrap});
    rows.push_back(r);
  }
  return rows;
}

void draw_progress(Painter& p, Rect r, float fraction, Color track, Color fill) {
  float radius = r.h / 2;
  p.fill_rect(r, track, radius);
  if (fraction > 0) p.fill_rect({r.x, r.y, std::max(r.h, r.w * fraction), r.h}, fill, radius);
}

void draw_ring(Painter& p, Vec2 center, float radius, float fraction, float width, Color track, Color fill) {
  constexpr float kTop = -1.5707963f, kTau = 6.2831853f;
  p.arc(center, radius, 0, kTau, track, width);
  if (fraction > 0) p.arc(center, radius, kTop, kTop + kTau * fraction, fill, width);
}

void draw_bar_chart(Painter& p, Rect r, const BarChart& chart) {
  if (chart.values.empty()) return;
  float max = chart.max;
  for (float v : chart.values)
    if (std::isfinite(v)) max = std::max(max, v);
  if (max <= 0) max = 1;
  float label_h = chart.labelled ? 48.0f : 0.0f;
  float slot = r.w / static_cast<float>(chart.values.size());
  for (size_t i = 0; i < chart.values.size(); ++i) {
    float v = std::isfinite(chart.values[i]) ? std::max(0.0f, chart.values[i]) : 0;
    float h = (r.h - label_h) * std::min(1.0f, v / max);
    p.fill_rect({r.x + slot * i + slot * 0.15f, r.y + r.h - label_h - h, slot * 0.7f, h}, chart.color, 6);
    if (chart.labelled && i < chart.labels.size() && chart.labels[i])
      p.text({r.x + slot * i + slot / 2, r.y + r.h - label_h + 6}, *chart.labels[i],
             TextStyle{theme::kSmall, theme::kTextMuted, Align::Center});
  }
}

void draw_line_chart(Painter& p, Rect r, const LineChart& chart) {
  float lo = INFINITY, hi = -INFINITY;
  for (float v : chart.values)
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (!std::isfinite(lo)) return;
  if (std::isfinite(chart.min)) lo = chart.min;
  if (std::isfinite(chart.max)) hi = chart.max;
  if (hi <= lo) hi = lo + 1;
  std::vector<Vec2> pts;
  float step = chart.values.size() > 1 ? r.w / static_cast<float>(chart.values.size() - 1) : 0;
  for (size_t i = 0; i < chart.values.size(); ++i)
    if (std::isfinite(chart.values[i])) pts.push_back({r.x + step * i, r.y + r.h - r.h * (chart.values[i] - lo) / (hi - lo)});
  p.polyline(pts, chart.color, chart.width);
}

float draw_big_number(Painter& p, Vec2 pos, std::string_view figure, std::string_view unit, const BigNumberStyle& style) {
  constexpr float kUnitGap = 16;
  float unit_size = style.size * 0.32f;
  Vec2 num = p.measure_text(figure, style.size, 0, true);
  Vec2 u = unit.empty() ? Vec2{0, 0} : p.measure_text(unit, unit_size, 0, false);
  float total = num.x + (unit.empty() ? 0 : kUnitGap + u.x);
  float x = style.align == Align::Center ? pos.x - total / 2 : style.align == Align::Right ? pos.x - total : pos.x;
  p.text({x, pos.y}, figure, TextStyle{style.size, style.color, Align::Left, 0, true});
  if (!unit.empty())  // the unit's baseline on the figure's (line heights are 1.4 em)
    p.text({x + num.x + kUnitGap, pos.y + style.size * 1.4f - unit_size * 1.4f - style.size * 0.18f}, unit,
           TextStyle{unit_size, theme::kTextMuted});
  return total;
}

}  // namespace eco
