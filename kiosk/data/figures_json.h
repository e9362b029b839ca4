#pragma once
// The figures as JSON: what `ecolobby kpi --json` prints, what plugins get from data.snapshot()
// and what is kept in SQLite as the last good snapshot. The shape is documented in
// docs/feed-format.md ("Derived figures").
#include <nlohmann/json.hpp>

#include "data/figures.h"

namespace eco::data {

nlohmann::json figures_to_json(const Figures& figures, int utc_offset_minutes);

}  // namespace eco::data
