#pragma once
// Keeping the database from growing for ever: events (and plays) older than retention_days are deleted,
// but never ones newer than the last export (they may not be in any report yet) unless forced,
// and never during the day's busy hours (the writer runs it when the lobby is quiet).
#include <cstdint>
#include <optional>

#include "base/daily_window.h"
#include "store/sqlite.h"

namespace eco::store {

struct RetentionPolicy {
  int retention_days = 730;
  DailyWindow busy_hours{7 * 60, 20 * 60};
};

// Deletes what the policy allows on `today`; returns the number of events deleted.
int64_t prune_events(Connection& c, int64_t today, int retention_days, bool force);
// The last export, as a local day number, if any export happened.
std::optional<int64_t> last_export_day(Connection& c, int utc_offset_minutes);

}  // namespace eco::store
