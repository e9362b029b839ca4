#pragma once
// The figures a lobby screen shows, derived from consumption: today, this month and this year
// so far, each beside the same span a year earlier, per person and per m², progress against the
// plan's targets, the sub-item breakdown and today's profile. Periods are in each building's
// local time. Rankings are in ranking.h.
#include <array>
#include <cmath>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "data/consumption.h"
#include "data/factors.h"
#include "data/feed.h"
#include "data/targets.h"

namespace eco::data {

struct Amounts {
  double electricity_kwh = 0, water_m3 = 0, gas_m3 = 0, energy_kgce = 0, co2_kg = 0;
  double co2_electricity_kg = 0, co2_gas_kg = 0;  // CO2 by source; the rest of co2_kg is other fuels
  double food_waste_kg = 0;  // canteen scales; not part of energy, carbon or coverage
  double coverage = 0;  // share of the period the main meters have data for, 0..1
  Amounts& operator+=(const Amounts& o);
  Amounts scaled(double by) const;  // per person, per m²
};

enum Period { kToday = 0, kMonth = 1, kYear = 2 };
constexpr std::array<const char*, 3> kPeriodNames = {"today", "month", "ytd"};

struct PeriodFigures {
  int64_t start = 0, end = 0;  // this year's span; last year's is the same local dates a year earlier
  Amounts now, last_year;
  // What change % compares: for a building, now and last_year; for the total, only buildings
  // with both years covered (like for like), so a newcomer without history does not read as growth.
  Amounts compare_now, compare_last;
  double change(double Amounts::*field) const;
};

struct TargetProgress {
  std::string id, unit;
  double target_year = 0;     // the year's target on the plan's line, in the indicator's unit
  double target_to_date = 0;  // pro-rated to the elapsed part of the year
  double actual = 0;          // this year so far, same unit
  bool on_track() const { return actual <= target_to_date; }
};

struct SubItem {
  std::string code;      // 01B00 …
  double month_kwh = 0;  // this month, from sub-meters
};

struct BuildingFigures {
  std::string id, name;
  BuildingType type = BuildingType::PublicUnit;
  double area_m2 = 0, occupants = 0;
  std::array<PeriodFigures, 3> periods;
  int64_t latest = 0;  // end of the oldest main meter's newest interval (0 = no data)
  bool stale = false;  // latest is older than the freshness limit
  bool food_waste_metered = false;  // a canteen scale (energy "food_waste") reports here
  std::vector<SubItem> breakdown;
  std::vector<double> profile;  // today's electricity per 15 minutes; NaN where not covered
  std::vector<TargetProgress> targets;
};

struct RankingEntry {
  int rank = 0;  // 0 when not eligible; ties share a rank
  std::string building, name;
  double reduction_pct = NAN;  // of energy per m² (or per person) against the same span last year
  bool eligible = false;
  std::string reason;  // why not eligible: coverage, stale, no_last_year, no_area, no_occupants
  double coverage = 0;  // of the ranking period, 0..1
};

enum class RankBasis { PerM2, PerPerson };

// What a screen needs of a county- or province-sized feed: its own building, the ranking's top
// and its own place in it, and the totals. A feed with up to `max_buildings` buildings is kept
// whole (small feeds look as they always did); a larger one is cut to that, so the figures, the
// snapshot, the copy each plugin gets and the font glyphs grow with what the screen shows, not
// with the feed.
struct SnapshotScope {
  std::string building;         // this screen's ([data] building); empty = the feed's total
  size_t max_buildings = 50;
  size_t max_rankings = 30;     // the top, plus this building's entry and its neighbours
};

struct FigureOptions {
  const FactorSet* factors = nullptr;  // required
  const Plan* plan = nullptr;          // targets; none without it
  int64_t stale_after_s = 1800;        // two fetch intervals; 0 = never stale
  RankBasis basis = RankBasis::PerM2;
  Period rank_period = kYear;
  double min_coverage = 0.9;
  // Set: only the buildings this scope shows keep their figures (the total and the ranking still
  // count every building). A province of 60,000 would otherwise hold 140 MB of figures.
  const SnapshotScope* scope = nullptr;
};

struct Figures {
  int64_t at = 0;
  std::vector<BuildingFigures> buildings;  // in feed order; under a scope, only those it shows
  size_t buildings_count = 0;              // in the feed, kept or not
  BuildingFigures total;  // id "total": sums, per person and per m² over all buildings
  std::vector<RankingEntry> rankings;
  RankBasis basis = RankBasis::PerM2;
  Period rank_period = kYear;
};

Figures compute_figures(const Feed& feed, const std::vector<MeterSeries>& series, int64_t at, const FigureOptions& options);

// Which ranking entries a scope keeps: the top, and its building with a neighbour on each side
// (so a screen can say "第 412 名" with the places around it). Indexes into `rankings`.
std::vector<size_t> scoped_rankings(const std::vector<RankingEntry>& rankings, const SnapshotScope& scope);
// The ids of the buildings a scope shows: its own, then those of its rankings, max_buildings at most.
std::set<std::string> scoped_buildings(const std::vector<RankingEntry>& rankings, const SnapshotScope& scope);

// Percentage change from `before` to `now`; NaN when there is nothing to compare with.
double change_pct(double now, double before);

}  // namespace eco::data
