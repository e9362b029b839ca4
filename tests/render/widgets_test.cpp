// The widgets plugins draw through ui.* (render/widgets), checked on a RecordingPainter without
// a Lua state: what is drawn where, in which colour, and which area answers a finger.
#include "render/widgets.h"

#include <cmath>
#include <optional>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "render/recording_painter.h"
#include "render/theme.h"

using namespace eco;
using Kind = RecordedShape::Kind;

namespace {

bool same(Color a, Color b) { return a.r == b.r && a.g == b.g && a.b == b.b && a.a == b.a; }

}  // namespace

TEST(Widgets, TouchAreaGrowsASmallTargetToAFingerAboutItsCentre) {
  Rect hit = touch_area({100, 200, 40, 20});
  EXPECT_FLOAT_EQ(hit.w, kMinTouch);
  EXPECT_FLOAT_EQ(hit.h, kMinTouch);
  EXPECT_FLOAT_EQ(hit.center().x, 120);
  EXPECT_FLOAT_EQ(hit.center().y, 210);
  Rect big = touch_area({0, 0, 300, 120});
  EXPECT_FLOAT_EQ(big.w, 300);
  EXPECT_FLOAT_EQ(big.h, 120);
}

TEST(Widgets, ButtonIsFilledOutlinedAndLabelledInTheMiddle) {
  RecordingPainter p;
  Rect r{100, 100, 400, 120};
  Rect hit = draw_button(p, r, "开始", button_style(false, theme::kBody));
  ASSERT_EQ(p.drawn.size(), 2u);
  EXPECT_EQ(p.drawn[0].kind, Kind::FillRect);
  EXPECT_TRUE(same(p.drawn[0].color, theme::kPanel));
  EXPECT_EQ(p.drawn[1].kind, Kind::StrokeRect);
  EXPECT_TRUE(same(p.drawn[1].color, theme::kAccent));
  ASSERT_EQ(p.texts.size(), 1u);
  EXPECT_EQ(p.texts[0].text, "开始");
  EXPECT_FLOAT_EQ(p.texts[0].pos.x, 300);  // centred
  EXPECT_EQ(p.texts[0].style.align, Align::Center);
  EXPECT_TRUE(p.texts[0].style.bold);
  EXPECT_TRUE(same(p.texts[0].style.color, theme::kText));
  EXPECT_FLOAT_EQ(p.texts[0].pos.y, 100 + (120 - theme::kBody * 1.4f) / 2);  // one line, centred
  EXPECT_FLOAT_EQ(hit.w, 400);
  EXPECT_FLOAT_EQ(hit.h, 120);
}

TEST(Widgets, SelectedButtonIsAccentWithDarkText) {
  ButtonStyle selected = button_style(true, 40);
  EXPECT_TRUE(same(selected.fill, theme::kAccent));
  EXPECT_TRUE(same(selected.text, theme::kBackgroundBottom));
}

TEST(Widgets, SmallButtonStillAnswersAFinger) {
  RecordingPainter p;
  Rect hit = draw_button(p, {500, 500, 40, 40}, "x", button_style(false, 28));
  EXPECT_FLOAT_EQ(hit.w, kMinTouch);
  EXPECT_FLOAT_EQ(hit.h, kMinTouch);
  EXPECT_TRUE(hit.contains({478, 478}));  // outside the drawn 40×40, inside the finger's area
}

TEST(Widgets, ChoiceDrawsOneRowPerLabelAndHighlightsTheSelected) {
  RecordingPainter p;
  std::vector<std::string_view> labels{"公交", "骑车", "步行"};
  auto rows = draw_choice(p, labels, ChoiceList{60, 300, 800, 110, 20, theme::kBody, 2});
  ASSERT_EQ(rows.size(), 3u);
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_FLOAT_EQ(rows[i].y, 300 + static_cast<float>(i) * 130);
    EXPECT_FLOAT_EQ(rows[i].h, 110);
  }
  ASSERT_EQ(p.drawn.size(), 6u);  // a fill and an outline each
  EXPECT_TRUE(same(p.drawn[0].color, theme::kPanel));
  EXPECT_TRUE(same(p.drawn[2].color, theme::kAccent));  // row 2 is selected
  ASSERT_EQ(p.texts.size(), 3u);
  EXPECT_EQ(p.texts[1].text, "骑车");
  EXPECT_TRUE(same(p.texts[1].style.color, theme::kTextOnAccent));
  EXPECT_TRUE(same(p.texts[0].style.color, theme::kText));
  EXPECT_FLOAT_EQ(p.texts[0].pos.x, 92);  // left-aligned inside the row
}

TEST(Widgets, ProgressFillsItsShareButNeverLessThanARoundEnd) {
  RecordingPainter p;
  draw_progress(p, {0, 0, 1000, 40}, 0.25f, theme::kTrack, theme::kAccent);
  ASSERT_EQ(p.drawn.size(), 2u);
  EXPECT_TRUE(same(p.drawn[0].color, theme::kTrack));
  EXPECT_FLOAT_EQ(p.drawn[0].rect.w, 1000);
  EXPECT_FLOAT_EQ(p.drawn[1].rect.w, 250);
  EXPECT_FLOAT_EQ(p.drawn[1].radius, 20);
  p.clear();
  draw_progress(p, {0, 0, 1000, 40}, 0.01f, theme::kTrack, theme::kAccent);
  EXPECT_FLOAT_EQ(p.drawn[1].rect.w, 40);
  p.clear();
  draw_progress(p, {0, 0, 1000, 40}, 0, theme::kTrack, theme::kAccent);
  EXPECT_EQ(p.drawn.size(), 1u) << "nothing filled at zero";
}

TEST(Widgets, RingFillsClockwiseFromTwelve) {
  RecordingPainter p;
  draw_ring(p, {500, 500}, 200, 0.5f, 36, theme::kTrack, theme::kAccent);
  ASSERT_EQ(p.drawn.size(), 2u);
  EXPECT_EQ(p.drawn[0].kind, Kind::Arc);
  EXPECT_NEAR(p.drawn[0].a1 - p.drawn[0].a0, 2 * M_PI, 1e-4);  // the whole track
  EXPECT_NEAR(p.drawn[1].a0, -M_PI / 2, 1e-4);
  EXPECT_NEAR(p.drawn[1].a1, M_PI / 2, 1e-4);
  EXPECT_FLOAT_EQ(p.drawn[1].thickness, 36);
  EXPECT_TRUE(same(p.drawn[1].color, theme::kAccent));
}

TEST(Widgets, BarChartScalesToTheLargestValueAndLabelsBars) {
  RecordingPainter p;
  std::vector<float> values{5, 10, NAN, -3};
  std::vector<std::optional<std::string_view>> labels{"一", std::nullopt, "三"};
  draw_bar_chart(p, {0, 0, 400, 248}, BarChart{values, 0, theme::kAccent, true, labels});
  ASSERT_EQ(p.drawn.size(), 4u);
  EXPECT_FLOAT_EQ(p.drawn[0].rect.h, 100);  // half of 248 - 48 for the labels
  EXPECT_FLOAT_EQ(p.drawn[1].rect.h, 200);
  EXPECT_FLOAT_EQ(p.drawn[1].rect.y, 0);
  EXPECT_FLOAT_EQ(p.drawn[2].rect.h, 0);  // not a number: empty
  EXPECT_FLOAT_EQ(p.drawn[3].rect.h, 0);  // negative: empty
  EXPECT_FLOAT_EQ(p.drawn[1].rect.x, 100 + 15);
  EXPECT_FLOAT_EQ(p.drawn[1].rect.w, 70);
  ASSERT_EQ(p.texts.size(), 2u);
  EXPECT_EQ(p.texts[1].text, "三");
  EXPECT_FLOAT_EQ(p.texts[1].pos.x, 250);
}

TEST(Widgets, BarChartHonoursAGivenMaximumAndDrawsNothingWithoutValues) {
  RecordingPainter p;
  std::vector<float> values{5};
  draw_bar_chart(p, {0, 0, 100, 100}, BarChart{values, 20, theme::kAccent, false, {}});
  ASSERT_EQ(p.drawn.size(), 1u);
  EXPECT_FLOAT_EQ(p.drawn[0].rect.h, 25);
  p.clear();
  draw_bar_chart(p, {0, 0, 100, 100}, BarChart{{}, 20, theme::kAccent, false, {}});
  EXPECT_TRUE(p.drawn.empty());
}

TEST(Widgets, LineChartSpansTheWidthAndLeavesOutGaps) {
  RecordingPainter p;
  std::vector<float> values{0, 10, NAN, 5};
  draw_line_chart(p, {100, 100, 300, 200}, LineChart{values, NAN, NAN, theme::kWarm, 4});
  ASSERT_EQ(p.drawn.size(), 1u);
  const auto& line = p.drawn[0];
  EXPECT_EQ(line.kind, Kind::Polyline);
  ASSERT_EQ(line.points.size(), 3u);
  EXPECT_FLOAT_EQ(line.points[0].x, 100);
  EXPECT_FLOAT_EQ(line.points[0].y, 300);  // the lowest value at the bottom
  EXPECT_FLOAT_EQ(line.points[1].y, 100);  // the highest at the top
  EXPECT_FLOAT_EQ(line.points[2].x, 400);
  EXPECT_FLOAT_EQ(line.points[2].y, 200);
  p.clear();
  std::vector<float> none{NAN};
  draw_line_chart(p, {0, 0, 100, 100}, LineChart{none, NAN, NAN, theme::kWarm, 4});
  EXPECT_TRUE(p.drawn.empty());
}

TEST(Widgets, BigNumberPutsItsUnitAfterItAndAlignsTheWhole) {
  RecordingPainter p;
  float total = draw_big_number(p, {1000, 100}, "1,234", "kWh", BigNumberStyle{100, theme::kText, Align::Right});
  ASSERT_EQ(p.texts.size(), 2u);
  float figure_w = 5 * 100 * 0.55f, unit_w = 3 * 32 * 0.55f;
  EXPECT_FLOAT_EQ(total, figure_w + 16 + unit_w);
  EXPECT_FLOAT_EQ(p.texts[0].pos.x, 1000 - total);
  EXPECT_TRUE(p.texts[0].style.bold);
  EXPECT_EQ(p.texts[1].text, "kWh");
  EXPECT_FLOAT_EQ(p.texts[1].size, 32);
  EXPECT_TRUE(same(p.texts[1].style.color, theme::kTextMuted));
  EXPECT_GT(p.texts[1].pos.y, 100);  // lower: on the figure's line
  p.clear();
  EXPECT_FLOAT_EQ(draw_big_number(p, {0, 0}, "42", "", BigNumberStyle{100, theme::kText, Align::Left}), 110);
  EXPECT_EQ(p.texts.size(), 1u);
}
