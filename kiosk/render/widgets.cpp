#include "render/widgets.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>

#include "render/number_format.h"
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

ChoiceLayout layout_choice(size_t labels, const ChoiceList& list, Vec2 canvas) {
  constexpr float kPagerGap = 16;  // between the last row and the pager
  ChoiceLayout out;
  const int n = static_cast<int>(labels), columns = std::max(1, list.columns);
  const float step = list.row_h + list.gap;
  const float column_w = std::max(0.0f, (list.w - list.gap * static_cast<float>(columns - 1)) / static_cast<float>(columns));
  const int rows_needed = (n + columns - 1) / columns;
  // Without a height the list may reach down to the canvas's bottom margin.
  const float room = list.h > 0 ? list.h : canvas.y - list.y - 40;
  int rows_per_page = rows_needed;
  if (rows_needed > 0 && static_cast<float>(rows_needed) * step - list.gap > room) {
    rows_per_page = std::max(1, static_cast<int>((room - kPagerGap - kMinTouch + list.gap) / step));
    out.pages = (rows_needed + rows_per_page - 1) / rows_per_page;
  }
  const int per_page = rows_per_page * columns;
  out.page = std::clamp(list.page, 0, out.pages - 1);
  out.first = out.page * per_page;
  out.count = std::max(0, std::min(per_page, n - out.first));
  for (int i = 0; i < out.count; ++i)
    out.rows.push_back({list.x + static_cast<float>(i % columns) * (column_w + list.gap),
                        list.y + static_cast<float>(i / columns) * step, column_w, list.row_h});
  if (out.pages > 1) {
    float pager_y = list.y + static_cast<float>(rows_per_page) * step - list.gap + kPagerGap;
    float button_w = std::min(220.0f, list.w / 3);
    out.previous = {list.x, pager_y, button_w, kMinTouch};
    out.next = {list.x + list.w - button_w, pager_y, button_w, kMinTouch};
    out.bottom = pager_y + kMinTouch;
  } else {
    out.bottom = list.y + std::max(0.0f, static_cast<float>(rows_needed) * step - list.gap);
  }
  return out;
}

namespace {

// A pager button: an arrow pointing left or right, dimmed when there is no page that way.
void draw_pager_button(Painter& p, Rect r, bool left, bool enabled) {
  Color fill = theme::kPanel, edge = theme::kAccent, arrow = theme::kText;
  if (!enabled) edge = arrow = with_alpha(theme::kTextMuted, 90);
  p.fill_rect(r, fill, 20);
  p.stroke_rect(r, edge, 20, 2);
  Vec2 c = r.center();
  float s = std::min(r.h, r.w) * 0.22f, d = left ? -1.0f : 1.0f;
  const Vec2 tip[] = {{c.x + d * s, c.y}, {c.x - d * s * 0.8f, c.y - s}, {c.x - d * s * 0.8f, c.y + s}};
  p.fill_convex(tip, arrow);
}

}  // namespace

int opening_page(size_t labels, const ChoiceList& list, Vec2 canvas) {
  ChoiceLayout layout = layout_choice(labels, list, canvas);
  if (list.selected <= 0 || layout.pages <= 1) return 0;
  return (list.selected - 1) / std::max(1, layout.count);
}

int turned_page(const ChoiceLayout& layout, int turn) { return std::clamp(layout.page + turn, 0, layout.pages - 1); }

std::string format_value(const ValueFormat& f, float v) {
  std::string number = format_number(v, f.decimals);
  if (!f.format) return number;
  std::string out = f.format;
  for (size_t at = out.find("{v}"); at != std::string::npos; at = out.find("{v}", at + number.size()))
    out.replace(at, 3, number);
  return out;
}

std::vector<std::string> pie_value_texts(std::span<const float> values, const ValueFormat& f) {
  double total = 0;
  for (float v : values)
    if (std::isfinite(v) && v > 0) total += v;
  std::vector<std::string> texts;
  for (size_t i = 0; (f.shown || f.percent) && i < values.size(); ++i) {
    std::string text = f.shown ? format_value(f, values[i]) : "";
    if (f.percent) {
      float v = std::isfinite(values[i]) ? std::max(0.0f, values[i]) : 0;
      std::string share = format_number(total > 0 ? 100.0 * v / total : 0, 0) + "%";
      text = text.empty() ? share : text + " (" + share + ")";
    }
    texts.push_back(std::move(text));
  }
  return texts;
}

ChoiceLayout draw_choice(Painter& p, std::span<const std::string_view> labels, const ChoiceList& list) {
  ChoiceLayout layout = layout_choice(labels.size(), list, p.canvas_size());
  for (int i = 0; i < layout.count; ++i) {
    const Rect& r = layout.rows[static_cast<size_t>(i)];
    const float padding = std::min(32.0f, r.w / 10);  // each side of a label, which starts at the left
    bool selected = list.selected == layout.first + i + 1;
    ButtonStyle look = button_style(selected, list.text_size);
    p.fill_rect(r, look.fill, 20);
    p.stroke_rect(r, theme::kAccent, 20, 2);
    float wrap = r.w - 2 * padding;
    std::string_view label = labels[static_cast<size_t>(layout.first + i)];
    Vec2 m = p.measure_text(label, list.text_size, wrap, false);
    p.text({r.x + padding, r.y + (r.h - m.y) / 2}, label, TextStyle{list.text_size, look.text, Align::Left, wrap});
  }
  if (layout.pages > 1) {
    draw_pager_button(p, layout.previous, true, layout.page > 0);
    draw_pager_button(p, layout.next, false, layout.page + 1 < layout.pages);
    std::string where = std::to_string(layout.page + 1) + " / " + std::to_string(layout.pages);
    float size = std::min(list.text_size, 48.0f);
    p.text({list.x + list.w / 2, layout.previous.y + (kMinTouch - size * 1.4f) / 2}, where,
           TextStyle{size, theme::kTextMuted, Align::Center});
  }
  return layout;
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
  const float line = chart.label_size * 1.4f;
  const float label_h = chart.labelled ? std::max(48.0f, line + 8) : 0.0f;  // 48: the strip at the default size
  const float value_h = chart.value_texts.empty() ? 0.0f : line + 4;        // room above the tallest bar
  const float slot = r.w / static_cast<float>(chart.values.size());
  const float bottom = r.y + r.h - label_h;
  for (size_t i = 0; i < chart.values.size(); ++i) {
    float v = std::isfinite(chart.values[i]) ? std::max(0.0f, chart.values[i]) : 0;
    float h = (r.h - label_h - value_h) * std::min(1.0f, v / max);
    float cx = r.x + slot * static_cast<float>(i) + slot / 2;
    Color fill = i < chart.colors.size() && chart.colors[i] ? *chart.colors[i] : chart.color;
    p.fill_rect({cx - slot * 0.35f, bottom - h, slot * 0.7f, h}, fill, 6);
    if (i < chart.value_texts.size() && !chart.value_texts[i].empty())
      p.text({cx, bottom - h - line - 4}, chart.value_texts[i], TextStyle{chart.label_size, theme::kText, Align::Center, 0, true});
    if (chart.labelled && i < chart.labels.size() && chart.labels[i])
      p.text({cx, bottom + 6}, *chart.labels[i], TextStyle{chart.label_size, theme::kTextMuted, Align::Center});
  }
}

Color series_color(size_t i) {
  static constexpr Color kSeries[] = {theme::kAccent, theme::kWarm, {0x4F, 0xC3, 0xF7, 255}, theme::kAlert,
                                      {0xB3, 0x9D, 0xDB, 255}, {0x81, 0xE6, 0xD9, 255}, {0xFF, 0x8A, 0x65, 255},
                                      {0xE6, 0xEE, 0x9C, 255}};
  return kSeries[i % std::size(kSeries)];
}

void draw_pie_chart(Painter& p, Vec2 c, float radius, const PieChart& chart) {
  constexpr float kTop = -1.5707963f, kTau = 6.2831853f, kMaxFan = 0.05f, kSeamOverlap = 0.02f;  // radians
  auto color_of = [&](size_t i) { return i < chart.colors.size() && chart.colors[i] ? *chart.colors[i] : series_color(i); };
  double total = 0;
  for (float v : chart.values)
    if (std::isfinite(v) && v > 0) total += v;
  const float hole = std::clamp(chart.hole, 0.0f, 0.9f);
  if (total <= 0) {
    p.arc(c, radius * (1 + hole) / 2, 0, kTau, theme::kTrack, radius * (1 - hole));  // nothing to share: the empty track
  } else {
    float a = kTop;
    for (size_t i = 0; i < chart.values.size(); ++i) {
      float v = chart.values[i];
      if (!std::isfinite(v) || v <= 0) continue;
      float span = static_cast<float>(kTau * v / total), end = a + span;
      if (hole > 0) {
        p.arc(c, radius * (1 + hole) / 2, a, end, color_of(i), radius * (1 - hole));
      } else {  // convex fans of at most a quarter turn: a pie slice larger than half is not convex
        for (float from = a; from < end - 1e-6f;) {
          float to = std::min(end, from + kTau / 4);
          // A fan after the first of its slice starts a little inside the one before, so the
          // anti-aliased edge between the two falls on the same colour instead of showing a seam.
          float start = from == a ? from : from - kSeamOverlap;
          std::vector<Vec2> fan{c};
          int steps = std::max(1, static_cast<int>(std::ceil((to - start) / kMaxFan)));
          for (int s = 0; s <= steps; ++s) {
            float t = start + (to - start) * static_cast<float>(s) / static_cast<float>(steps);
            fan.push_back({c.x + radius * std::cos(t), c.y + radius * std::sin(t)});
          }
          p.fill_convex(fan, color_of(i));
          from = to;
        }
      }
      a = end;
    }
  }
  if (chart.legend == LegendPlace::None) return;
  // The legend: one row per value, swatch, label, then its value text in a column after the longest label.
  const size_t rows = chart.values.size();
  const float size = chart.label_size, row_h = size * 1.8f, swatch = size * 0.9f;
  float label_w = 0;
  for (size_t i = 0; i < rows; ++i)
    if (i < chart.labels.size() && chart.labels[i]) label_w = std::max(label_w, p.measure_text(*chart.labels[i], size).x);
  Vec2 at = chart.legend == LegendPlace::Right
                ? Vec2{c.x + radius + size * 1.5f, c.y - row_h * static_cast<float>(rows) / 2}
                : Vec2{c.x - radius, c.y + radius + size};
  for (size_t i = 0; i < rows; ++i) {
    float y = at.y + row_h * static_cast<float>(i);
    p.fill_rect({at.x, y + (row_h - swatch) / 2, swatch, swatch}, color_of(i), swatch / 5);
    float text_y = y + (row_h - size * 1.4f) / 2, x = at.x + swatch + size * 0.6f;
    if (i < chart.labels.size() && chart.labels[i]) p.text({x, text_y}, *chart.labels[i], TextStyle{size, theme::kText});
    if (i < chart.value_texts.size() && !chart.value_texts[i].empty())
      p.text({x + label_w + (label_w > 0 ? size : 0), text_y}, chart.value_texts[i], TextStyle{size, theme::kTextMuted, Align::Left, 0, true});
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
