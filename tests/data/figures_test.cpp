// Derived figures from hand-made feeds whose answers are worked out by hand in the comments.
#include <cmath>
#include <sstream>

#include <gtest/gtest.h>

#include "bundled_data.h"

#include "base/iso8601.h"
#include "data/consumption.h"
#include "data/evaluation.h"
#include "data/figures_json.h"

using namespace eco;
using namespace eco::data;
using namespace eco::data::testing_support;

namespace {


// Builds feeds in code: one building per call, one main meter per energy.
struct FeedBuilder {
  Feed feed;
  FeedBuilder() { feed.source = "test"; }
  uint32_t building(const std::string& id, double area, double occupants, int offset = 480) {
    Building b;
    b.id = b.name = id;
    b.area_m2 = area;
    b.occupants = occupants;
    b.utc_offset_minutes = offset;
    feed.buildings.push_back(b);
    return static_cast<uint32_t>(feed.buildings.size() - 1);
  }
  uint32_t meter(uint32_t building, Energy e, MeterMode mode, bool main = true, const std::string& code = "") {
    Meter m;
    m.id = feed.buildings[building].id + "-" + std::to_string(feed.meters.size());
    m.building = building;
    m.energy = e;
    m.mode = mode;
    m.main = main;
    m.code = code;
    feed.meters.push_back(m);
    return static_cast<uint32_t>(feed.meters.size() - 1);
  }
  void reading(uint32_t meter, const std::string& ts, double value, int64_t start = 0) {
    Reading r;
    r.meter = meter;
    r.ts = at(ts);
    r.start = start;
    r.value = value;
    feed.readings.push_back(r);
  }
  // An hourly cumulative register from `from` for `hours`, `kwh` an hour.
  void hourly(uint32_t meter, const std::string& from, int hours, double kwh, double start_value = 1000) {
    int64_t t0 = at(from);
    for (int h = 0; h <= hours; ++h) {
      Reading r;
      r.meter = meter;
      r.ts = t0 + h * 3600;
      r.value = start_value + h * kwh;
      feed.readings.push_back(r);
    }
  }
};

FigureOptions options(int64_t stale_after = 0) {
  FigureOptions o;
  o.factors = &factors();
  o.plan = &plan();
  o.stale_after_s = stale_after;
  return o;
}

}  // namespace

TEST(Figures, PeriodsEndAtLocalMidnight) {
  FeedBuilder fb;
  uint32_t b = fb.building("b", 1000, 50);
  uint32_t e = fb.meter(b, Energy::Electricity, MeterMode::Cumulative);
  // 20:00 on 9 Jan to 04:00 on 10 Jan (Beijing time), 10 kWh an hour.
  fb.hourly(e, "2026-01-09T20:00:00+08:00", 8, 10);
  Evaluation ev = evaluate(fb.feed, at("2026-01-10T04:00:00+08:00"), options());
  const BuildingFigures& f = ev.figures.buildings[0];
  EXPECT_DOUBLE_EQ(f.periods[kToday].now.electricity_kwh, 40);   // 00:00–04:00
  EXPECT_DOUBLE_EQ(f.periods[kMonth].now.electricity_kwh, 80);
  EXPECT_DOUBLE_EQ(f.periods[kToday].now.coverage, 1.0);
  EXPECT_NEAR(f.periods[kToday].now.energy_kgce, 40 * 0.1229, 1e-9);
  EXPECT_NEAR(f.periods[kToday].now.co2_kg, 40 * 0.5306, 1e-9);
  // The same instants seen from a building in UTC: its day started at 08:00 Beijing time.
  FeedBuilder utc;
  uint32_t bu = utc.building("u", 1000, 50, 0);
  utc.hourly(utc.meter(bu, Energy::Electricity, MeterMode::Cumulative), "2026-01-09T20:00:00+08:00", 8, 10);
  Evaluation ev2 = evaluate(utc.feed, at("2026-01-10T04:00:00+08:00"), options());
  EXPECT_DOUBLE_EQ(ev2.figures.buildings[0].periods[kToday].now.electricity_kwh, 80);  // since 00:00Z = 08:00+08
}

TEST(Figures, NewYearStartsTheYearToDate) {
  FeedBuilder fb;
  uint32_t b = fb.building("b", 1000, 50);
  uint32_t e = fb.meter(b, Energy::Electricity, MeterMode::Cumulative);
  fb.hourly(e, "2025-12-31T22:00:00+08:00", 4, 5);  // 22:00 → 02:00
  Evaluation ev = evaluate(fb.feed, at("2026-01-01T02:00:00+08:00"), options());
  const BuildingFigures& f = ev.figures.buildings[0];
  EXPECT_DOUBLE_EQ(f.periods[kYear].now.electricity_kwh, 10);
  EXPECT_DOUBLE_EQ(f.periods[kMonth].now.electricity_kwh, 10);
  EXPECT_DOUBLE_EQ(f.periods[kToday].now.electricity_kwh, 10);
}

TEST(Figures, IntervalReadingsSpanningMidnightAreProRated) {
  FeedBuilder fb;
  uint32_t b = fb.building("b", 1000, 50);
  uint32_t w = fb.meter(b, Energy::Water, MeterMode::Interval);
  // A 6-hour interval 21:00–03:00 of 60 m³: 30 before midnight, 30 after.
  fb.reading(w, "2026-03-05T03:00:00+08:00", 60, at("2026-03-04T21:00:00+08:00"));
  fb.reading(w, "2026-03-05T06:00:00+08:00", 12);  // from the previous reading: 03:00–06:00
  Evaluation ev = evaluate(fb.feed, at("2026-03-05T06:00:00+08:00"), options());
  const BuildingFigures& f = ev.figures.buildings[0];
  EXPECT_DOUBLE_EQ(f.periods[kToday].now.water_m3, 42);
  EXPECT_DOUBLE_EQ(f.periods[kMonth].now.water_m3, 72);
  EXPECT_DOUBLE_EQ(f.periods[kToday].now.co2_kg, 0);  // water carries no CO2 by default
}

TEST(Figures, SameSpanLastYearAndChange) {
  FeedBuilder fb;
  uint32_t b = fb.building("b", 2000, 100);
  uint32_t e = fb.meter(b, Energy::Electricity, MeterMode::Cumulative);
  fb.hourly(e, "2025-06-24T00:00:00+08:00", 10, 20);           // last year: 20 kWh/h
  fb.hourly(e, "2026-06-24T00:00:00+08:00", 10, 15, 900000);   // this year: 15 kWh/h
  Evaluation ev = evaluate(fb.feed, at("2026-06-24T10:00:00+08:00"), options());
  const BuildingFigures& f = ev.figures.buildings[0];
  EXPECT_DOUBLE_EQ(f.periods[kToday].now.electricity_kwh, 150);
  EXPECT_DOUBLE_EQ(f.periods[kToday].last_year.electricity_kwh, 200);
  EXPECT_DOUBLE_EQ(change_pct(150, 200), -25);
  // The gap between the two registers (2025-06-24T10 → 2026-06-24T00) is one long interval,
  // spread evenly: it is not in today's figures but makes the year look covered.
  auto j = figures_to_json(ev.figures, 480);
  EXPECT_DOUBLE_EQ(j["buildings"][0]["change_pct"]["today"]["electricity_kwh"].get<double>(), -25);
  EXPECT_DOUBLE_EQ(j["buildings"][0]["today"]["electricity_kwh"].get<double>(), 150);
  EXPECT_TRUE(j["buildings"][0]["per_m2"].is_object());
  EXPECT_NEAR(j["buildings"][0]["profile"]["electricity_kwh"][0].get<double>(), 3.75, 1e-9);  // 15 kWh/h per 15 min
  EXPECT_TRUE(j["buildings"][0]["profile"]["electricity_kwh"][40].is_null());                  // 10:00, not yet
}

TEST(Figures, SubMetersGiveTheBreakdownAndOnlyMainMetersCount) {
  FeedBuilder fb;
  uint32_t b = fb.building("b", 1000, 50);
  uint32_t main = fb.meter(b, Energy::Electricity, MeterMode::Cumulative, true, "01000");
  uint32_t ac = fb.meter(b, Energy::Electricity, MeterMode::Cumulative, false, "01B00");
  uint32_t light = fb.meter(b, Energy::Electricity, MeterMode::Cumulative, false, "01A00");
  fb.hourly(main, "2026-07-01T00:00:00+08:00", 4, 10);
  fb.hourly(ac, "2026-07-01T00:00:00+08:00", 4, 6);
  fb.hourly(light, "2026-07-01T00:00:00+08:00", 4, 4);
  Evaluation ev = evaluate(fb.feed, at("2026-07-01T04:00:00+08:00"), options());
  const BuildingFigures& f = ev.figures.buildings[0];
  EXPECT_DOUBLE_EQ(f.periods[kToday].now.electricity_kwh, 40);
  ASSERT_EQ(f.breakdown.size(), 2u);
  EXPECT_EQ(f.breakdown[0].code, "01A00");
  EXPECT_DOUBLE_EQ(f.breakdown[0].month_kwh, 16);
  EXPECT_DOUBLE_EQ(f.breakdown[1].month_kwh, 24);
}

TEST(Figures, TargetsProRatedToTheElapsedYear) {
  FeedBuilder fb;
  uint32_t b = fb.building("b", 1000, 100);
  uint32_t e = fb.meter(b, Energy::Electricity, MeterMode::Interval);
  // 1 Jan – 2 Jul 2026 (half of the year, 182 of 365 days): 50,000 kWh = 6145 kgce.
  fb.reading(e, "2026-07-02T12:00:00+08:00", 50000, at("2026-01-01T00:00:00+08:00"));
  Evaluation ev = evaluate(fb.feed, at("2026-07-02T12:00:00+08:00"), options());
  const auto& targets = ev.figures.buildings[0].targets;
  auto per_person = std::find_if(targets.begin(), targets.end(), [](auto& t) { return t.id == "energy_per_person"; });
  ASSERT_NE(per_person, targets.end());
  double fraction = 182.5 / 365.0;
  double year_target = plan().target_for_year(*plan().find("energy_per_person"), 2026);
  EXPECT_NEAR(per_person->target_to_date, year_target * fraction, 1e-6);
  EXPECT_NEAR(per_person->actual, 61.45, 1e-9);  // 6145 kgce / 100 people
  EXPECT_TRUE(per_person->on_track());
  // County totals apply only to a feed that covers the county.
  EXPECT_TRUE(std::none_of(targets.begin(), targets.end(), [](auto& t) { return t.id == "energy_total"; }));
  fb.feed.region_scope = true;
  Evaluation region = evaluate(fb.feed, at("2026-07-02T12:00:00+08:00"), options());
  auto& tt = region.figures.total.targets;
  auto total = std::find_if(tt.begin(), tt.end(), [](auto& t) { return t.id == "energy_total"; });
  ASSERT_NE(total, tt.end());
  EXPECT_NEAR(total->actual, 6.145, 1e-9);  // tce
}

namespace {

// A building using `last` kWh an hour a year ago and `now` this year, over 24 h.
void add_competitor(FeedBuilder& fb, const std::string& id, double area, double last, double now, int hours_now = 24) {
  uint32_t b = fb.building(id, area, area / 15);
  uint32_t e = fb.meter(b, Energy::Electricity, MeterMode::Interval);
  fb.feed.meters[e].interval_s = 3600;
  int64_t ly = at("2025-03-10T00:00:00+08:00"), ty = at("2026-03-10T00:00:00+08:00");
  for (int h = 1; h <= 24; ++h) {
    Reading r;
    r.meter = e;
    r.ts = ly + h * 3600;
    r.value = last;
    fb.feed.readings.push_back(r);
  }
  for (int h = 1; h <= hours_now; ++h) {
    Reading r;
    r.meter = e;
    r.ts = ty + h * 3600;
    r.value = now;
    fb.feed.readings.push_back(r);
  }
}

}  // namespace

TEST(Rankings, FairAcrossSizesTiesShareARankIncompleteDataIsNotRanked) {
  FeedBuilder fb;
  add_competitor(fb, "big-office", 30000, 1000, 900);   // −10 %
  add_competitor(fb, "small-school", 1500, 40, 34);     // −15 %: small, but the best effort
  add_competitor(fb, "clinic", 4000, 100, 90);          // −10 %: ties with the big office
  add_competitor(fb, "library", 2500, 50, 55);          // +10 %
  add_competitor(fb, "patchy", 2000, 50, 10, 20);       // 20 of 23 hours: 87 % < 90 %
  add_competitor(fb, "no-area", 0, 50, 10);
  FigureOptions o = options();
  o.rank_period = kToday;
  // At 23:00 the day has 23 hours; the 24:00 readings are still in the future.
  Evaluation ev = evaluate(fb.feed, at("2026-03-10T23:00:00+08:00"), o);
  auto& r = ev.figures.rankings;
  ASSERT_EQ(r.size(), 6u);
  EXPECT_EQ(r[0].building, "small-school");
  EXPECT_EQ(r[0].rank, 1);
  EXPECT_NEAR(r[0].reduction_pct, 15, 1e-9);
  EXPECT_EQ(r[1].rank, 2);
  EXPECT_EQ(r[2].rank, 2);  // big office and clinic tie
  EXPECT_EQ(r[3].building, "library");
  EXPECT_EQ(r[3].rank, 4);
  EXPECT_NEAR(r[3].reduction_pct, -10, 1e-9);
  EXPECT_FALSE(r[4].eligible);
  EXPECT_FALSE(r[5].eligible);
  for (int i : {4, 5}) {
    if (r[i].building == "patchy") {
      EXPECT_EQ(r[i].reason, "coverage");
      EXPECT_NEAR(r[i].coverage, 20.0 / 23.0, 1e-9);
    } else {
      EXPECT_EQ(r[i].reason, "no_area");
    }
  }
}

TEST(Rankings, StaleDataIsNotRanked) {
  FeedBuilder fb;
  add_competitor(fb, "fresh", 1000, 10, 9);
  FigureOptions o = options(1800);
  o.rank_period = kToday;
  // At 23:00 the data is fresh; three hours later it is stale (limit 30 min).
  EXPECT_TRUE(evaluate(fb.feed, at("2026-03-10T23:00:00+08:00"), o).figures.rankings[0].eligible);
  auto late = evaluate(fb.feed, at("2026-03-11T02:00:00+08:00"), o).figures;
  EXPECT_EQ(late.rankings[0].reason, "stale");
  EXPECT_TRUE(late.buildings[0].stale);
}

TEST(Figures, TotalChangeIsLikeForLike) {
  FeedBuilder fb;
  add_competitor(fb, "old-office", 1000, 100, 90);  // −10 % on last year
  uint32_t b = fb.building("newcomer", 1000, 50);   // first year in the feed: no history
  uint32_t e = fb.meter(b, Energy::Electricity, MeterMode::Cumulative);
  fb.hourly(e, "2026-03-10T00:00:00+08:00", 23, 500);
  Evaluation ev = evaluate(fb.feed, at("2026-03-10T23:00:00+08:00"), options());
  const PeriodFigures& today = ev.figures.total.periods[kToday];
  EXPECT_DOUBLE_EQ(today.now.electricity_kwh, 23 * 90 + 23 * 500);  // the sum shows everything
  EXPECT_NEAR(today.change(&Amounts::electricity_kwh), -10, 1e-9);  // the change only the comparable
}

TEST(Figures, Co2IsSplitBySource) {
  FeedBuilder fb;
  uint32_t b = fb.building("b", 1000, 50);
  uint32_t e = fb.meter(b, Energy::Electricity, MeterMode::Cumulative);
  uint32_t g = fb.meter(b, Energy::NaturalGas, MeterMode::Cumulative);
  fb.hourly(e, "2026-01-10T00:00:00+08:00", 4, 10);   // 40 kWh
  fb.hourly(g, "2026-01-10T00:00:00+08:00", 4, 2);    // 8 m³
  Evaluation ev = evaluate(fb.feed, at("2026-01-10T04:00:00+08:00"), options());
  const Amounts& today = ev.figures.buildings[0].periods[kToday].now;
  EXPECT_NEAR(today.co2_electricity_kg, 40 * 0.5306, 1e-9);
  EXPECT_NEAR(today.co2_gas_kg, today.co2_kg - today.co2_electricity_kg, 1e-9);  // no other fuels here
  EXPECT_GT(today.co2_gas_kg, 8 * 2.0);                                          // about 2.16 kg/m³
  nlohmann::json j = figures_to_json(ev.figures, 480);
  EXPECT_NEAR(j["buildings"][0]["today"]["co2_by_source"]["electricity"].get<double>(), 21.224, 1e-3);
  EXPECT_NEAR(j["buildings"][0]["today"]["co2_by_source"]["other"].get<double>(), 0, 1e-9);
}

TEST(Figures, FoodWasteIsItsOwnFigureNeverEnergyOrCoverage) {
  FeedBuilder fb;
  uint32_t b = fb.building("b", 1000, 50);
  uint32_t e = fb.meter(b, Energy::Electricity, MeterMode::Cumulative);
  uint32_t scale = fb.meter(b, Energy::FoodWaste, MeterMode::Interval, false, "food");
  fb.hourly(e, "2026-07-01T00:00:00+08:00", 14, 10);  // 140 kWh, covered all day so far
  // Yesterday's lunch 8 kg and today's 6 kg, each a 10:00-14:00 interval.
  fb.reading(scale, "2026-06-30T14:00:00+08:00", 8, at("2026-06-30T10:00:00+08:00"));
  fb.reading(scale, "2026-07-01T14:00:00+08:00", 6, at("2026-07-01T10:00:00+08:00"));
  Evaluation ev = evaluate(fb.feed, at("2026-07-01T14:00:00+08:00"), options());
  const BuildingFigures& f = ev.figures.buildings[0];
  EXPECT_TRUE(f.food_waste_metered);
  EXPECT_DOUBLE_EQ(f.periods[kToday].now.food_waste_kg, 6);
  EXPECT_DOUBLE_EQ(f.periods[kMonth].now.food_waste_kg, 6);
  EXPECT_DOUBLE_EQ(f.periods[kYear].now.food_waste_kg, 14);
  EXPECT_DOUBLE_EQ(f.periods[kToday].now.electricity_kwh, 140);
  EXPECT_NEAR(f.periods[kToday].now.energy_kgce, 140 * 0.1229, 1e-9) << "food waste adds no energy";
  EXPECT_NEAR(f.periods[kToday].now.co2_kg, 140 * 0.5306, 1e-9) << "nor carbon";
  EXPECT_DOUBLE_EQ(f.periods[kToday].now.coverage, 1.0) << "the scale's gaps never make a building incomplete";
  nlohmann::json j = figures_to_json(ev.figures, 480);
  EXPECT_DOUBLE_EQ(j["buildings"][0]["food_waste"]["today_kg"].get<double>(), 6);
  EXPECT_DOUBLE_EQ(j["buildings"][0]["food_waste"]["ytd_kg"].get<double>(), 14);
}

TEST(Figures, NoScaleNoFoodWasteFigure) {
  FeedBuilder fb;
  uint32_t b = fb.building("b", 1000, 50);
  fb.hourly(fb.meter(b, Energy::Electricity, MeterMode::Cumulative), "2026-07-01T00:00:00+08:00", 4, 10);
  Evaluation ev = evaluate(fb.feed, at("2026-07-01T04:00:00+08:00"), options());
  EXPECT_FALSE(ev.figures.buildings[0].food_waste_metered);
  EXPECT_TRUE(figures_to_json(ev.figures, 480)["buildings"][0]["food_waste"].is_null());
}

// A screen's scope keeps only what it shows, yet the total and the ranking still count every
// building, and the buildings it keeps have the figures they would have unscoped.
TEST(Figures, AScopeKeepsItsBuildingsAndTheTopButCountsEveryone) {
  FeedBuilder fb;
  for (int i = 0; i < 120; ++i)  // reductions from −11.9 % to +12 %: a strict order, no ties
    add_competitor(fb, "b" + std::to_string(i), 1000 + i, 100, 100 - 12 + 0.2 * i);
  FigureOptions o = options();
  o.rank_period = kToday;
  int64_t t = at("2026-03-10T23:00:00+08:00");
  Feed whole_feed = fb.feed;
  auto series = build_consumption(whole_feed, t);
  Figures whole = compute_figures(whole_feed, series, t, o);
  SnapshotScope scope{.building = "b100", .max_buildings = 10, .max_rankings = 5};
  o.scope = &scope;
  Figures scoped = compute_figures(whole_feed, series, t, o);

  EXPECT_EQ(scoped.buildings_count, 120u);
  EXPECT_EQ(whole.buildings_count, 120u);
  ASSERT_EQ(scoped.rankings.size(), whole.rankings.size());
  for (size_t i = 0; i < whole.rankings.size(); ++i) {
    EXPECT_EQ(scoped.rankings[i].building, whole.rankings[i].building);
    EXPECT_EQ(scoped.rankings[i].rank, whole.rankings[i].rank);
  }
  EXPECT_DOUBLE_EQ(scoped.total.periods[kToday].now.energy_kgce, whole.total.periods[kToday].now.energy_kgce);
  EXPECT_DOUBLE_EQ(scoped.total.periods[kToday].change(&Amounts::energy_kgce), whole.total.periods[kToday].change(&Amounts::energy_kgce));

  // Kept: this screen's building and the ranking's top five plus b100's neighbours, in feed order.
  std::vector<std::string> kept;
  for (const auto& b : scoped.buildings) kept.push_back(b.id);
  EXPECT_EQ(kept, (std::vector<std::string>{"b0", "b1", "b2", "b3", "b4", "b99", "b100", "b101"}));
  for (const auto& b : scoped.buildings) {
    const auto& same = whole.buildings[static_cast<size_t>(std::stoi(b.id.substr(1)))];
    EXPECT_DOUBLE_EQ(b.periods[kToday].now.energy_kgce, same.periods[kToday].now.energy_kgce) << b.id;
    EXPECT_EQ(b.targets.size(), same.targets.size()) << b.id;
  }

  // A feed no bigger than the scope is kept whole, as small feeds always were.
  scope.max_buildings = 120;
  EXPECT_EQ(compute_figures(whole_feed, series, t, o).buildings.size(), 120u);
}

// kpi --json writes the document piece by piece; it must be the very text the whole value gives.
TEST(FiguresJson, WrittenPieceByPieceIsTheDocumentDumpGives) {
  FeedBuilder fb;
  for (int i = 0; i < 3; ++i) add_competitor(fb, "b" + std::to_string(i), 1000 + i, 100, 90 + i);
  add_competitor(fb, "名称", 0, 50, 10);  // not ranked: no area
  FigureOptions o = options();
  o.rank_period = kToday;
  Evaluation ev = evaluate(fb.feed, at("2026-03-10T23:00:00+08:00"), o);
  nlohmann::json extra = {{"factors", "cn-2023"}, {"problems", {"feed.json:3 readings[0]: x"}}};
  nlohmann::json whole = figures_to_json(ev.figures, 480);
  whole.update(extra);
  std::ostringstream written;
  write_figures_json(written, ev.figures, 480, extra);
  EXPECT_EQ(written.str(), whole.dump(2) + "\n");

  Figures empty;
  std::ostringstream none;
  write_figures_json(none, empty, 480, {});
  EXPECT_EQ(none.str(), figures_to_json(empty, 480).dump(2) + "\n");
}
