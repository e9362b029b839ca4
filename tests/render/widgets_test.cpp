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
  auto rows = draw_choice(p, labels, ChoiceList{60, 300, 800, 110, 20, theme::kBody, 2}).rows;
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

TEST(Widgets, BarChartWritesValuesAboveItsBarsAndColoursEachBarItsOwn) {
  RecordingPainter p;
  std::vector<float> values{5, 10};
  std::vector<std::optional<Color>> colors{theme::kWarm, std::nullopt};
  std::vector<std::string> texts{"5 kWh", "10 kWh"};
  draw_bar_chart(p, {0, 0, 400, 300}, BarChart{values, 0, theme::kAccent, false, {}, colors, 40, texts});
  ASSERT_EQ(p.drawn.size(), 2u);
  EXPECT_TRUE(same(p.drawn[0].color, theme::kWarm));
  EXPECT_TRUE(same(p.drawn[1].color, theme::kAccent));  // no colour of its own: the chart's
  const float line = 40 * 1.4f;
  EXPECT_FLOAT_EQ(p.drawn[1].rect.h, 300 - line - 4);  // the tallest bar leaves room for its value
  ASSERT_EQ(p.texts.size(), 2u);
  EXPECT_EQ(p.texts[1].text, "10 kWh");
  EXPECT_FLOAT_EQ(p.texts[1].size, 40);
  EXPECT_FLOAT_EQ(p.texts[1].pos.x, 300);  // centred over its bar
  EXPECT_GE(p.texts[1].pos.y, 0);          // inside the chart
  EXPECT_LE(p.texts[1].pos.y + line, p.drawn[1].rect.y);
  EXPECT_LE(p.texts[0].pos.y + line, p.drawn[0].rect.y);
}

TEST(Widgets, BarChartLabelSizeSizesTheLabelsAndTheirStrip) {
  RecordingPainter p;
  std::vector<float> values{10};
  std::vector<std::optional<std::string_view>> labels{"周一"};
  draw_bar_chart(p, {0, 0, 100, 400}, BarChart{values, 0, theme::kAccent, true, labels, {}, 60});
  ASSERT_EQ(p.texts.size(), 1u);
  EXPECT_FLOAT_EQ(p.texts[0].size, 60);
  EXPECT_FLOAT_EQ(p.drawn[0].rect.h, 400 - (60 * 1.4f + 8));
  EXPECT_LE(p.drawn[0].rect.y + p.drawn[0].rect.h, p.texts[0].pos.y);  // the label is under its bar
}

TEST(Widgets, PieChartSharesTheCircleClockwiseFromTwelve) {
  RecordingPainter p;
  std::vector<float> values{1, 3, NAN};
  draw_pie_chart(p, {500, 500}, 200, PieChart{values, {}, {}, {}, 0, 32, LegendPlace::None});
  // A quarter and three quarters; every fan is convex (at most a quarter turn, and the little it
  // reaches back under the fan before it) and starts at the centre.
  std::vector<Color> colors;
  for (const auto& s : p.drawn) {
    ASSERT_EQ(s.kind, Kind::FillConvex);
    EXPECT_FLOAT_EQ(s.points[0].x, 500);
    float a0 = std::atan2(s.points[1].y - 500, s.points[1].x - 500), a1 = std::atan2(s.points.back().y - 500, s.points.back().x - 500);
    float span = std::remainder(a1 - a0, 2 * static_cast<float>(M_PI));
    if (span < 0) span += 2 * static_cast<float>(M_PI);
    EXPECT_LE(span, static_cast<float>(M_PI) / 2 + 0.03f);
    if (colors.empty() || !same(colors.back(), s.color)) colors.push_back(s.color);
  }
  ASSERT_EQ(p.drawn.size(), 4u);  // one fan for the quarter, three for the rest
  EXPECT_NEAR(p.drawn.back().points.back().x, 500, 1e-2);  // the last ends back at 12 o'clock
  EXPECT_NEAR(p.drawn.back().points.back().y, 300, 1e-2);
  ASSERT_EQ(colors.size(), 2u);
  EXPECT_TRUE(same(colors[0], series_color(0)));
  EXPECT_TRUE(same(colors[1], series_color(1)));
  EXPECT_NEAR(p.drawn[0].points[1].x, 500, 1e-3);  // the first slice starts at 12 o'clock
  EXPECT_NEAR(p.drawn[0].points[1].y, 300, 1e-3);
  EXPECT_NEAR(p.drawn[0].points.back().x, 700, 1e-3);  // and ends at 3 o'clock: a quarter
}

TEST(Widgets, DonutSlicesAreArcsAndTheLegendListsEachSlice) {
  RecordingPainter p;
  std::vector<float> values{2, 2};
  std::vector<std::optional<Color>> colors{theme::kAlert, std::nullopt};
  std::vector<std::optional<std::string_view>> labels{"可回收物", "其他垃圾"};
  std::vector<std::string> texts{"50%", "50%"};
  draw_pie_chart(p, {400, 400}, 200, PieChart{values, colors, labels, texts, 0.5f, 40, LegendPlace::Right});
  ASSERT_GE(p.drawn.size(), 2u);
  EXPECT_EQ(p.drawn[0].kind, Kind::Arc);
  EXPECT_FLOAT_EQ(p.drawn[0].radius, 150);  // between the hole (100) and the edge (200)
  EXPECT_FLOAT_EQ(p.drawn[0].thickness, 100);
  EXPECT_NEAR(p.drawn[0].a1 - p.drawn[0].a0, M_PI, 1e-4);
  EXPECT_TRUE(same(p.drawn[0].color, theme::kAlert));
  EXPECT_TRUE(same(p.drawn[1].color, series_color(1)));
  // The legend: a swatch in each slice's colour, its label and its value, right of the circle.
  ASSERT_EQ(p.drawn.size(), 4u);
  EXPECT_TRUE(same(p.drawn[2].color, theme::kAlert));
  EXPECT_GT(p.drawn[2].rect.x, 600);
  ASSERT_EQ(p.texts.size(), 4u);
  EXPECT_EQ(p.texts[0].text, "可回收物");
  EXPECT_EQ(p.texts[1].text, "50%");
  EXPECT_FLOAT_EQ(p.texts[0].size, 40);
  EXPECT_GT(p.texts[1].pos.x, p.texts[0].pos.x + 4 * 40);  // the values in a column after the labels
  EXPECT_FLOAT_EQ(p.texts[1].pos.x, p.texts[3].pos.x);
  EXPECT_GT(p.texts[2].pos.y, p.texts[0].pos.y);
}

TEST(Widgets, ChoiceInColumnsFillsLeftToRightThenDown) {
  RecordingPainter p;
  std::vector<std::string_view> labels{"一", "二", "三"};
  ChoiceList list{100, 100, 820, 110, 20, 40, 0};
  list.columns = 2;
  auto layout = draw_choice(p, labels, list);
  ASSERT_EQ(layout.rows.size(), 3u);
  EXPECT_FLOAT_EQ(layout.rows[0].w, 400);
  EXPECT_FLOAT_EQ(layout.rows[1].x, 520);
  EXPECT_FLOAT_EQ(layout.rows[1].y, 100);
  EXPECT_FLOAT_EQ(layout.rows[2].x, 100);
  EXPECT_FLOAT_EQ(layout.rows[2].y, 230);
  EXPECT_EQ(layout.pages, 1);
  EXPECT_FLOAT_EQ(layout.bottom, 100 + 2 * 130 - 20);
}

TEST(Widgets, TwelveChoicesThatDoNotFitArePagedWithAPager) {
  RecordingPainter p;  // 1920×1080
  std::vector<std::string> names;
  for (int i = 1; i <= 12; ++i) names.push_back("科室" + std::to_string(i));
  std::vector<std::string_view> labels(names.begin(), names.end());
  ChoiceList list{100, 200, 900, 110, 20, 40, 0};  // 12 rows need 1540 px; 840 are left
  auto first = draw_choice(p, labels, list);
  EXPECT_EQ(first.pages, 3);
  EXPECT_EQ(first.first, 0);
  EXPECT_EQ(first.count, 5);  // 5 rows and the pager fit in 840
  EXPECT_LE(first.bottom, 1080 - 40);
  EXPECT_GE(first.next.h, kMinTouch);
  EXPECT_GE(first.next.w, kMinTouch);
  EXPECT_GT(first.next.y, first.rows.back().y + first.rows.back().h);
  bool page_shown = false;
  for (const auto& t : p.texts) page_shown |= t.text == "1 / 3";
  EXPECT_TRUE(page_shown);
  p.clear();
  list.page = 2;
  auto last = draw_choice(p, labels, list);
  EXPECT_EQ(last.first, 10);
  EXPECT_EQ(last.count, 2);
  EXPECT_FLOAT_EQ(last.next.y, first.next.y);  // the pager stays where it was
  EXPECT_EQ(p.texts[0].text, "科室11");
  list.page = 99;
  EXPECT_EQ(layout_choice(12, list, {1920, 1080}).page, 2);  // clamped
  list.h = 2000;
  EXPECT_EQ(layout_choice(12, list, {1920, 1080}).pages, 1);  // room enough: no pager
}

TEST(ChoiceList, OpensOnTheSelectedRowsPageAndTurnsWithinItsPages) {
  const Vec2 canvas{1920, 1080};
  ChoiceList list{100, 200, 900, 110, 20, 40, 0};  // 5 rows a page: 12 rows are 3 pages
  EXPECT_EQ(opening_page(12, list, canvas), 0);     // none selected
  list.selected = 7;
  EXPECT_EQ(opening_page(12, list, canvas), 1);
  list.selected = 12;
  EXPECT_EQ(opening_page(12, list, canvas), 2);
  list.h = 2000;
  EXPECT_EQ(opening_page(12, list, canvas), 0);  // all fit: no pages to open on
  list.h = 0;
  list.page = 2;
  const ChoiceLayout last = layout_choice(12, list, canvas);
  EXPECT_EQ(turned_page(last, 1), 2);  // not past the last
  EXPECT_EQ(turned_page(last, -1), 1);
  list.page = 0;
  EXPECT_EQ(turned_page(layout_choice(12, list, canvas), -1), 0);  // nor before the first
  EXPECT_EQ(turned_page(layout_choice(12, list, canvas), 1), 1);
}

TEST(ChartValues, AreWrittenByTheirFormatAndPieSharesAreOfThePositiveTotal) {
  EXPECT_EQ(format_value({true, 1, nullptr}, 12.34f), "12.3");
  EXPECT_EQ(format_value({true, 0, "{v} kWh ({v})"}, 1500), "1,500 kWh (1,500)");
  const std::vector<float> values{30, 10, NAN, -5};
  EXPECT_EQ(pie_value_texts(values, {}), std::vector<std::string>{});  // neither values nor shares
  EXPECT_EQ(pie_value_texts(values, {false, 0, nullptr, true}), (std::vector<std::string>{"75%", "25%", "0%", "0%"}));
  EXPECT_EQ(pie_value_texts(values, {true, 0, "{v} t", true})[0], "30 t (75%)");
  EXPECT_EQ(pie_value_texts(std::vector<float>{0, 0}, {false, 0, nullptr, true}), (std::vector<std::string>{"0%", "0%"}));
}
