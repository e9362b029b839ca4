#include "data/figures.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/iso8601.h"
#include "data/ranking.h"

namespace eco::data {
namespace {

constexpr int64_t kProfileStep = 15 * 60;
constexpr int kProfileBins = 96;

int64_t local_time_a_year_earlier(int64_t t, int offset) {
  LocalTime l = to_local(from_unix_seconds(t), offset);
  int day = (l.month == 2 && l.day == 29) ? 28 : l.day;
  return unix_seconds(from_local(l.year - 1, l.month, day, l.hour, l.minute, l.second, offset));
}

// The three spans ending at `at`, in the building's local time.
std::array<PeriodFigures, 3> spans(int64_t at, int offset) {
  LocalTime l = to_local(from_unix_seconds(at), offset);
  std::array<PeriodFigures, 3> p;
  p[kToday].start = unix_seconds(from_local(l.year, l.month, l.day, 0, 0, 0, offset));
  p[kMonth].start = unix_seconds(from_local(l.year, l.month, 1, 0, 0, 0, offset));
  p[kYear].start = unix_seconds(from_local(l.year, 1, 1, 0, 0, 0, offset));
  for (auto& s : p) s.end = at;
  return p;
}

double overlap(const Interval& i, int64_t start, int64_t end) {
  int64_t lo = std::max(i.start, start), hi = std::min(i.end, end);
  return hi > lo ? static_cast<double>(hi - lo) : 0.0;
}

void add_quantity(Amounts& a, Energy e, double quantity, const FactorSet& factors) {
  switch (e) {
    case Energy::Electricity: a.electricity_kwh += quantity; break;
    case Energy::Water: a.water_m3 += quantity; break;
    case Energy::NaturalGas: a.gas_m3 += quantity; break;
    case Energy::FoodWaste: a.food_waste_kg += quantity; return;
    default: break;
  }
  Converted c = factors.convert_base(e, quantity);
  a.energy_kgce += c.kgce;
  a.co2_kg += c.co2_kg;
  if (e == Energy::Electricity) a.co2_electricity_kg += c.co2_kg;
  if (e == Energy::NaturalGas) a.co2_gas_kg += c.co2_kg;
}

// Sums one meter's intervals into a span; returns the seconds of the span it covers.
double accumulate(const MeterSeries& s, Energy e, int64_t start, int64_t end, Amounts& into, const FactorSet& factors) {
  if (end <= start) return 0;
  // Intervals are sorted by start: skip those that end before the span.
  auto first = std::lower_bound(s.intervals.begin(), s.intervals.end(), start,
                                [](const Interval& i, int64_t t) { return i.end <= t; });
  double covered = 0, quantity = 0;
  for (auto i = first; i != s.intervals.end() && i->start < end; ++i) {
    double o = overlap(*i, start, end);
    covered += o;
    quantity += i->quantity * o / static_cast<double>(i->end - i->start);
  }
  add_quantity(into, e, quantity, factors);
  return covered;
}

// Indicator id → which figure of the year so far it measures, per what.
struct IndicatorMeasure {
  const char* id;
  double Amounts::*field;
  enum { Total, PerPerson, PerM2 } per;
};
constexpr IndicatorMeasure kMeasures[] = {
    {"energy_total", &Amounts::energy_kgce, IndicatorMeasure::Total},
    {"water_total", &Amounts::water_m3, IndicatorMeasure::Total},
    {"co2_total", &Amounts::co2_kg, IndicatorMeasure::Total},
    {"energy_per_person", &Amounts::energy_kgce, IndicatorMeasure::PerPerson},
    {"energy_per_m2", &Amounts::energy_kgce, IndicatorMeasure::PerM2},
    {"water_per_person", &Amounts::water_m3, IndicatorMeasure::PerPerson},
    {"co2_per_m2", &Amounts::co2_kg, IndicatorMeasure::PerM2},
};

// Base units (kgce, kg, m3) into the plan's published units (tce, t, 10^4 m3).
double unit_factor(const std::string& unit) {
  if (unit == "tce" || unit == "t") return 1e-3;
  if (unit == "10^4 m3") return 1e-4;
  return 1;
}

double year_fraction(int64_t at, int offset) {
  LocalTime l = to_local(from_unix_seconds(at), offset);
  int64_t start = unix_seconds(from_local(l.year, 1, 1, 0, 0, 0, offset));
  int64_t next = unix_seconds(from_local(l.year + 1, 1, 1, 0, 0, 0, offset));
  return static_cast<double>(at - start) / static_cast<double>(next - start);
}

void add_targets(BuildingFigures& f, const Plan& plan, int64_t at, int offset, bool totals_apply) {
  int year = to_local(from_unix_seconds(at), offset).year;
  double fraction = year_fraction(at, offset);
  const Amounts& ytd = f.periods[kYear].now;
  for (const auto& m : kMeasures) {
    const Indicator* indicator = plan.find(m.id);
    if (!indicator) continue;
    double value = ytd.*m.field;
    if (m.per == IndicatorMeasure::Total && !totals_apply) continue;
    if (m.per == IndicatorMeasure::PerPerson) {
      if (f.occupants <= 0) continue;
      value /= f.occupants;
    }
    if (m.per == IndicatorMeasure::PerM2) {
      if (f.area_m2 <= 0) continue;
      value /= f.area_m2;
    }
    TargetProgress t;
    t.id = m.id;
    t.unit = indicator->unit;
    t.target_year = plan.target_for_year(*indicator, year);
    t.target_to_date = t.target_year * fraction;
    t.actual = value * unit_factor(indicator->unit);
    f.targets.push_back(t);
  }
}

class BuildingCalculator {
 public:
  BuildingCalculator(const Feed& feed, const std::vector<MeterSeries>& series, int64_t at, const FigureOptions& options)
      : feed_(feed), series_(series), at_(at), options_(options) {}

  BuildingFigures compute(uint32_t b, const std::vector<uint32_t>& meters) {
    const Building& building = feed_.buildings[b];
    BuildingFigures f;
    f.id = building.id;
    f.name = building.name;
    f.type = building.type;
    f.area_m2 = building.area_m2;
    f.occupants = building.occupants;
    int offset = building.utc_offset_minutes;
    f.periods = spans(at_, offset);
    f.profile.assign(kProfileBins, NAN);

    bool any_main = false;
    std::array<double, 3> min_cover{1, 1, 1}, min_cover_ly{1, 1, 1};
    std::map<std::string, double> breakdown;
    int64_t oldest_latest = INT64_MAX;
    for (uint32_t m : meters) {
      const Meter& meter = feed_.meters[m];
      const MeterSeries& s = series_[m];
      if (meter.energy == Energy::FoodWaste) {  // a figure of its own, main or not
        f.food_waste_metered = true;
        for (auto& period : f.periods) accumulate(s, meter.energy, period.start, period.end, period.now, *options_.factors);
        continue;
      }
      if (!meter.main) {
        if (meter.energy == Energy::Electricity && !meter.code.empty()) {
          Amounts a;
          accumulate(s, meter.energy, f.periods[kMonth].start, at_, a, *options_.factors);
          breakdown[meter.code] += a.electricity_kwh;
        }
        continue;
      }
      any_main = true;
      oldest_latest = std::min(oldest_latest, s.last_end);
      for (int p = 0; p < 3; ++p) {
        PeriodFigures& period = f.periods[p];
        double span = static_cast<double>(period.end - period.start);
        double covered = accumulate(s, meter.energy, period.start, period.end, period.now, *options_.factors);
        min_cover[p] = std::min(min_cover[p], span > 0 ? covered / span : 1.0);
        int64_t ly_start = local_time_a_year_earlier(period.start, offset), ly_end = local_time_a_year_earlier(period.end, offset);
        double ly_covered = accumulate(s, meter.energy, ly_start, ly_end, period.last_year, *options_.factors);
        min_cover_ly[p] = std::min(min_cover_ly[p], ly_end > ly_start ? ly_covered / static_cast<double>(ly_end - ly_start) : 1.0);
      }
      if (meter.energy == Energy::Electricity) add_profile(f, s);
    }
    for (int p = 0; p < 3; ++p) {
      f.periods[p].now.coverage = any_main ? min_cover[p] : 0;
      f.periods[p].last_year.coverage = any_main ? min_cover_ly[p] : 0;
      f.periods[p].compare_now = f.periods[p].now;
      f.periods[p].compare_last = f.periods[p].last_year;
    }
    f.latest = any_main && oldest_latest > 0 ? oldest_latest : 0;
    f.stale = f.latest == 0 || (options_.stale_after_s > 0 && at_ - f.latest > options_.stale_after_s);
    for (auto& [code, kwh] : breakdown) f.breakdown.push_back({code, kwh});
    if (options_.plan) add_targets(f, *options_.plan, at_, offset, false);
    return f;
  }

 private:
  void add_profile(BuildingFigures& f, const MeterSeries& s) {
    int64_t day = f.periods[kToday].start;
    for (int bin = 0; bin < kProfileBins; ++bin) {
      int64_t start = day + bin * kProfileStep, end = std::min(start + kProfileStep, at_);
      if (end <= start) break;
      Amounts a;
      double covered = accumulate(s, Energy::Electricity, start, end, a, *options_.factors);
      if (covered <= 0) continue;
      f.profile[bin] = (std::isnan(f.profile[bin]) ? 0 : f.profile[bin]) + a.electricity_kwh;
    }
  }

  const Feed& feed_;
  const std::vector<MeterSeries>& series_;
  int64_t at_;
  const FigureOptions& options_;
};

// The county's total, added up one building at a time, so that no caller needs every building's
// figures at once.
class TotalSum {
 public:
  explicit TotalSum(double min_coverage) : min_coverage_(min_coverage) {
    total_.id = "total";
    total_.profile.assign(kProfileBins, NAN);
  }

  void add(const BuildingFigures& b) {
    ++count_;
    total_.area_m2 += b.area_m2;
    total_.occupants += b.occupants;
    for (int p = 0; p < 3; ++p) {
      PeriodFigures& t = total_.periods[p];
      t.start = b.periods[p].start;
      t.end = b.periods[p].end;
      t.now += b.periods[p].now;
      t.last_year += b.periods[p].last_year;
      if (b.periods[p].now.coverage >= min_coverage_ && b.periods[p].last_year.coverage >= min_coverage_) {
        t.compare_now += b.periods[p].now;
        t.compare_last += b.periods[p].last_year;
      }
    }
    for (int i = 0; i < kProfileBins; ++i)
      if (!std::isnan(b.profile[i])) total_.profile[i] = (std::isnan(total_.profile[i]) ? 0 : total_.profile[i]) + b.profile[i];
    for (const auto& s : b.breakdown) breakdown_[s.code] += s.month_kwh;
    total_.latest = total_.latest == 0 ? b.latest : std::min(total_.latest, b.latest);
    total_.stale = total_.stale || b.stale;
  }

  BuildingFigures finish() {
    if (count_)
      for (int p = 0; p < 3; ++p) {  // the mean coverage: one building's gap should not blank the county
        total_.periods[p].now.coverage /= static_cast<double>(count_);
        total_.periods[p].last_year.coverage /= static_cast<double>(count_);
      }
    for (auto& [code, kwh] : breakdown_) total_.breakdown.push_back({code, kwh});
    return std::move(total_);
  }

 private:
  double min_coverage_;
  size_t count_ = 0;
  BuildingFigures total_;
  std::map<std::string, double> breakdown_;
};

}  // namespace

Amounts& Amounts::operator+=(const Amounts& o) {
  electricity_kwh += o.electricity_kwh;
  water_m3 += o.water_m3;
  gas_m3 += o.gas_m3;
  energy_kgce += o.energy_kgce;
  co2_kg += o.co2_kg;
  co2_electricity_kg += o.co2_electricity_kg;
  co2_gas_kg += o.co2_gas_kg;
  food_waste_kg += o.food_waste_kg;
  coverage += o.coverage;
  return *this;
}

Amounts Amounts::scaled(double by) const {
  Amounts a = *this;
  a.electricity_kwh *= by;
  a.water_m3 *= by;
  a.gas_m3 *= by;
  a.energy_kgce *= by;
  a.co2_kg *= by;
  a.co2_electricity_kg *= by;
  a.co2_gas_kg *= by;
  a.food_waste_kg *= by;
  return a;
}

double PeriodFigures::change(double Amounts::*field) const { return change_pct(compare_now.*field, compare_last.*field); }

double change_pct(double now, double before) {
  if (!(before > 0)) return NAN;
  return (now - before) / before * 100.0;
}

std::vector<size_t> scoped_rankings(const std::vector<RankingEntry>& rankings, const SnapshotScope& scope) {
  std::vector<size_t> kept;
  for (size_t i = 0; i < rankings.size() && i < scope.max_rankings; ++i) kept.push_back(i);
  for (size_t i = scope.max_rankings; i < rankings.size(); ++i)
    if (!scope.building.empty() && rankings[i].building == scope.building) {
      for (size_t k = i - 1; k <= i + 1 && k < rankings.size(); ++k)
        if (k >= scope.max_rankings) kept.push_back(k);
      break;
    }
  return kept;
}

std::set<std::string> scoped_buildings(const std::vector<RankingEntry>& rankings, const SnapshotScope& scope) {
  std::set<std::string> wanted;
  if (!scope.building.empty()) wanted.insert(scope.building);
  for (size_t i : scoped_rankings(rankings, scope))
    if (wanted.size() < scope.max_buildings) wanted.insert(rankings[i].building);
  return wanted;
}

Figures compute_figures(const Feed& feed, const std::vector<MeterSeries>& series, int64_t at, const FigureOptions& options) {
  Figures figures;
  figures.at = at;
  figures.basis = options.basis;
  figures.rank_period = options.rank_period;
  figures.buildings_count = feed.buildings.size();
  std::vector<std::vector<uint32_t>> meters_of(feed.buildings.size());
  for (uint32_t m = 0; m < feed.meters.size(); ++m) meters_of[feed.meters[m].building].push_back(m);
  BuildingCalculator calculator(feed, series, at, options);
  bool keep_all = !options.scope || feed.buildings.size() <= options.scope->max_buildings;
  TotalSum total(options.min_coverage);
  std::vector<RankingEntry> entries;
  entries.reserve(feed.buildings.size());
  if (keep_all) figures.buildings.reserve(feed.buildings.size());
  for (uint32_t b = 0; b < feed.buildings.size(); ++b) {
    BuildingFigures f = calculator.compute(b, meters_of[b]);
    total.add(f);
    entries.push_back(assess_for_ranking(f, options));
    if (keep_all) figures.buildings.push_back(std::move(f));
  }
  figures.total = total.finish();
  if (options.plan) {
    int offset = feed.buildings.empty() ? 480 : feed.buildings.front().utc_offset_minutes;
    add_targets(figures.total, *options.plan, at, offset, feed.region_scope);
  }
  figures.rankings = rank_entries(std::move(entries));
  if (!keep_all) {
    // The scope's buildings are known once the ranking is: computed again, a few dozen at most.
    std::set<std::string> wanted = scoped_buildings(figures.rankings, *options.scope);
    for (uint32_t b = 0; b < feed.buildings.size(); ++b)
      if (wanted.count(feed.buildings[b].id)) figures.buildings.push_back(calculator.compute(b, meters_of[b]));
  }
  return figures;
}

}  // namespace eco::data
