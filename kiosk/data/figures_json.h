#pragma once
// The figures as JSON: what `ecolobby kpi --json` prints, what plugins get from data.snapshot()
// and what is kept in SQLite as the last good snapshot. The shape is documented in
// docs/feed-format.md ("Derived figures").
#include <iosfwd>

#include <nlohmann/json.hpp>

#include "data/figures.h"

namespace eco::data {

// The buildings as given (figures computed under a SnapshotScope already hold only the ones a
// screen shows); with a scope the rankings are cut to its top and neighbours as well.
// Without a scope: every ranking (`ecolobby kpi --json`).
nlohmann::json figures_to_json(const Figures& figures, int utc_offset_minutes, const SnapshotScope* scope = nullptr);

// The document figures_to_json(figures, offset) gives with the keys of `extra` added, indented
// as dump(2) would, written one building and one ranking entry at a time: `ecolobby kpi --json`
// on a province (60,000 buildings, 370 MB of JSON) held it all as one value (2.8 GB, 41 s).
void write_figures_json(std::ostream& out, const Figures& figures, int utc_offset_minutes, const nlohmann::json& extra);

}  // namespace eco::data
