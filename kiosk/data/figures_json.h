#pragma once
// The figures as JSON: what `ecolobby kpi --json` prints, what plugins get from data.snapshot()
// and what is kept in SQLite as the last good snapshot. The shape is documented in
// docs/feed-format.md ("Derived figures").
#include <nlohmann/json.hpp>

#include "data/figures.h"

namespace eco::data {

// What a screen needs of a county- or province-sized feed: its own building, the ranking's top
// and its own place in it, and the totals. A feed with up to `max_buildings` buildings is kept
// whole (small feeds look as they always did); a larger one is cut to that, so the snapshot, the
// copy each plugin gets and the font glyphs grow with what the screen shows, not with the feed.
struct SnapshotScope {
  std::string building;         // this screen's ([data] building); empty = the feed's total
  size_t max_buildings = 50;
  size_t max_rankings = 30;     // the top, plus this building's entry and its neighbours
};

// Without a scope: every building and ranking (`ecolobby kpi --json`).
nlohmann::json figures_to_json(const Figures& figures, int utc_offset_minutes, const SnapshotScope* scope = nullptr);

}  // namespace eco::data
