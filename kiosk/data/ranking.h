#pragma once
// Fair rankings: each building is compared with itself a year earlier (% reduction of energy per
// m², or per person), so that a big office and a small school compete on effort, not size.
// A building whose data is incomplete or stale is listed as 数据不全 and not ranked.
#include <vector>

#include "data/figures.h"

namespace eco::data {

// Ranked buildings first (best reduction first, ties share a rank: 1, 1, 3), then the others
// with the reason they are not ranked.
std::vector<RankingEntry> rank_buildings(const std::vector<BuildingFigures>& buildings, const FigureOptions& options);

// The same in two steps, for callers that do not keep every building's figures: assess each as
// it is computed, then rank the entries.
RankingEntry assess_for_ranking(const BuildingFigures& building, const FigureOptions& options);
std::vector<RankingEntry> rank_entries(std::vector<RankingEntry> entries);

}  // namespace eco::data
