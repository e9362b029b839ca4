#pragma once
// The kiosk's widgets drawn on a Painter: buttons, choice lists, progress bars, rings, bar and
// line charts, big numbers. Plain drawing code without Lua (lua/api_ui.cpp only checks a
// plugin's arguments and calls these, as LÖVE's wrap_*.cpp do), so each can be tested against
// a RecordingPainter. Colours not given come from the theme.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "render/painter.h"

namespace eco {

// A finger, not a mouse pointer: whatever a widget looks like, its touch area is at least
// this wide and high.
inline constexpr float kMinTouch = 88;
// `r` widened and heightened about its centre to kMinTouch where it is smaller.
Rect touch_area(Rect r);

struct ButtonStyle {
  Color fill, text;
  float text_size;
};
// The look of a plain or a selected button, before the plugin's own colours.
ButtonStyle button_style(bool selected, float text_size);
// A rounded button with an accent outline and its label centred (wrapped inside); returns its
// touch area.
Rect draw_button(Painter& p, Rect r, std::string_view label, const ButtonStyle& style);

// Rows `row_h` high (at least kMinTouch: each row is its own touch area), `gap` apart, from
// (x, y), in `columns` side by side (filled left to right, then down); row `selected` (1-based,
// 0 for none) is highlighted. When the rows need more than `h` (0: to the bottom of the canvas),
// they are shown a page at a time with a pager bar under them: previous and next buttons
// (arrows, no words: the same in every language) and "2 / 3".
struct ChoiceList {
  float x, y, w, row_h, gap, text_size;
  int selected;
  int columns = 1;
  float h = 0;
  int page = 0;  // 0-based, clamped to the pages there are
};
struct ChoiceLayout {
  int first = 0, count = 0;  // the labels on this page: [first, first + count)
  int page = 0, pages = 1;
  std::vector<Rect> rows;    // the touch areas of the rows on this page
  Rect previous, next;       // the pager's buttons (touch areas), when pages > 1
  float bottom = 0;          // the y just below the list (and its pager)
};
ChoiceLayout layout_choice(size_t labels, const ChoiceList& list, Vec2 canvas);
// Draws the rows of the page `list.page` and the pager; returns the layout drawn.
ChoiceLayout draw_choice(Painter& p, std::span<const std::string_view> labels, const ChoiceList& list);
// Paging, with the page kept by the caller between frames: a list opens on the page of its
// selected row (0 when none is selected or all fit); `turn` (+1 next, -1 previous: the pager's
// buttons, a swipe) moves from the page laid out, never past the first or the last.
int opening_page(size_t labels, const ChoiceList& list, Vec2 canvas);
int turned_page(const ChoiceLayout& layout, int turn);

// How a chart writes its values: `shown`, each value ("{v} kWh" as `format` puts the number in
// text; null: the number alone) with `decimals`; `percent` (pie charts), its share of the whole.
struct ValueFormat {
  bool shown = false;
  int decimals = 0;
  const char* format = nullptr;
  bool percent = false;
};
std::string format_value(const ValueFormat& f, float v);
// A pie's slice texts: the value, its share of the positive total ("12 (40%)"), or the share
// alone; none when neither is shown. NaN and negative values are a 0 % share.
std::vector<std::string> pie_value_texts(std::span<const float> values, const ValueFormat& f);

// A pill filled from the left by `fraction` (0..1) of its width, never shorter than it is high.
void draw_progress(Painter& p, Rect r, float fraction, Color track, Color fill);
// A ring filled clockwise from 12 o'clock by `fraction` (0..1).
void draw_ring(Painter& p, Vec2 center, float radius, float fraction, float width, Color track, Color fill);

// Bars from the bottom of `r`, scaled so that `max` (or the largest value, if larger) is full
// height; NaN and negative values are empty bars. With `labelled`, a strip at the bottom holds
// each bar's label (nullopt: none), `label_size` high; `value_texts` (when not empty) are written
// above their bars. `colors[i]`, when given, fills bar i instead of `color`.
struct BarChart {
  std::span<const float> values;
  float max;
  Color color;
  bool labelled;
  std::span<const std::optional<std::string_view>> labels;
  std::span<const std::optional<Color>> colors = {};
  float label_size = 28;
  std::span<const std::string> value_texts = {};
};
void draw_bar_chart(Painter& p, Rect r, const BarChart& chart);

// Slices clockwise from 12 o'clock, one per positive value (NaN, zero and negative ones take no
// room but keep their colour and legend row); `hole` (0..0.9 of the radius) makes it a donut.
// The legend lists a swatch, the label and the value text of each slice, to the right of the
// circle or below it.
enum class LegendPlace { Right, Below, None };
struct PieChart {
  std::span<const float> values;
  std::span<const std::optional<Color>> colors = {};
  std::span<const std::optional<std::string_view>> labels = {};
  std::span<const std::string> value_texts = {};
  float hole = 0;
  float label_size = 32;
  LegendPlace legend = LegendPlace::Right;
};
void draw_pie_chart(Painter& p, Vec2 center, float radius, const PieChart& chart);
// The colour of series i when the plugin gives none: the theme's accent first, then colours
// that stay apart on the dark green ground.
Color series_color(size_t i);

// A line through the values across the width of `r`, from `min` at the bottom to `max` at the
// top (NaN: the values' own); NaN values are left out. Nothing when no value is a number.
struct LineChart {
  std::span<const float> values;
  float min, max;
  Color color;
  float width;
};
void draw_line_chart(Painter& p, Rect r, const LineChart& chart);

// A figure in bold with its unit after it, a third of its size and muted, sitting on the same
// line; `align` places the whole at pos.x. Returns the width of the whole.
struct BigNumberStyle {
  float size;
  Color color;
  Align align;
};
float draw_big_number(Painter& p, Vec2 pos, std::string_view figure, std::string_view unit, const BigNumberStyle& style);

}  // namespace eco
