#pragma once
// The kiosk's widgets drawn on a Painter: buttons, choice lists, progress bars, rings, bar and
// line charts, big numbers. Plain drawing code without Lua (lua/api_ui.cpp only checks a
// plugin's arguments and calls these, as LÖVE's wrap_*.cpp do), so each can be tested against
// a RecordingPainter. Colours not given come from the theme.
#include <optional>
#include <span>
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

// A column of rows `row_h` high (at least kMinTouch: each row is its own touch area), `gap`
// apart, starting at (x, y); row `selected` (1-based, 0 for none) is highlighted.
struct ChoiceList {
  float x, y, w, row_h, gap, text_size;
  int selected;
};
// Draws one row per label; returns the rows, which are their touch areas.
std::vector<Rect> draw_choice(Painter& p, std::span<const std::string_view> labels, const ChoiceList& list);

// A pill filled from the left by `fraction` (0..1) of its width, never shorter than it is high.
void draw_progress(Painter& p, Rect r, float fraction, Color track, Color fill);
// A ring filled clockwise from 12 o'clock by `fraction` (0..1).
void draw_ring(Painter& p, Vec2 center, float radius, float fraction, float width, Color track, Color fill);

// Bars from the bottom of `r`, scaled so that `max` (or the largest value, if larger) is full
// height; NaN and negative values are empty bars. With `labelled`, a strip at the bottom holds
// each bar's label (nullopt: none).
struct BarChart {
  std::span<const float> values;
  float max;
  Color color;
  bool labelled;
  std::span<const std::optional<std::string_view>> labels;
};
void draw_bar_chart(Painter& p, Rect r, const BarChart& chart);

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
