#include "data/ranking.h"

#include <algorithm>
#include <cmath>

namespace eco::data {
namespace {

// Reductions equal to one decimal place are a tie: nobody can see the difference on screen.
double rounded(double pct) { return std::round(pct * 10.0) / 10.0; }

}  // namespace

RankingEntry assess_for_ranking(const BuildingFigures& b, const FigureOptions& options) {
  RankingEntry e;
  e.building = b.id;
  e.name = b.name;
  const PeriodFigures& p = b.periods[options.rank_period];
  e.coverage = p.now.coverage;
  double size = options.basis == RankBasis::PerM2 ? b.area_m2 : b.occupants;
  if (size <= 0) {
    e.reason = options.basis == RankBasis::PerM2 ? "no_area" : "no_occupants";
  } else if (b.stale) {
    e.reason = "stale";
  } else if (p.now.coverage < options.min_coverage) {
    e.reason = "coverage";
  } else if (p.last_year.coverage < options.min_coverage || !(p.last_year.energy_kgce > 0)) {
    e.reason = "no_last_year";
  } else {
    // The same size divides both years, so this is also the building's own % reduction.
    double now = p.now.energy_kgce / size, before = p.last_year.energy_kgce / size;
    e.reduction_pct = -change_pct(now, before);
    e.eligible = true;
  }
  return e;
}

std::vector<RankingEntry> rank_buildings(const std::vector<BuildingFigures>& buildings, const FigureOptions& options) {
  std::vector<RankingEntry> entries;
  entries.reserve(buildings.size());
  for (const auto& b : buildings) entries.push_back(assess_for_ranking(b, options));
  return rank_entries(std::move(entries));
}

std::vector<RankingEntry> rank_entries(std::vector<RankingEntry> entries) {
  std::stable_sort(entries.begin(), entries.end(), [](const RankingEntry& a, const RankingEntry& b) {
    if (a.eligible != b.eligible) return a.eligible;
    if (!a.eligible) return false;
    return rounded(a.reduction_pct) > rounded(b.reduction_pct);
  });
  for (size_t i = 0; i < entries.size() && entries[i].eligible; ++i) {
    bool tie = i > 0 && rounded(entries[i].reduction_pct) == rounded(entries[i - 1].reduction_pct);
    entries[i].rank = tie ? entries[i - 1].rank : static_cast<int>(i) + 1;
  }
  return entries;
}

}  // namespace eco::data
