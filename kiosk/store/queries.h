#pragma once
// The questions campaigns and reports ask of the participation records. All use indexes
// (plugin, kind, day) or (campaign, day); figures for a year of 20 kiosks are in docs/perf.md.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "store/sqlite.h"

namespace eco::store {

// Local day numbers, both included; the default is all time.
struct DayRange {
  int64_t from = INT64_MIN, to = INT64_MAX;
};

struct GroupValue {
  std::string group;
  double value = 0;
};

class Queries {
 public:
  explicit Queries(Connection& c) : c_(c) {}
  // Events of `plugin` (and `kind`, if not empty) on the days of `days`.
  int64_t count(const std::string& plugin, const std::string& kind, DayRange days);
  int64_t count_on(const std::string& plugin, const std::string& kind, int64_t day);
  // Every event recorded on `day`, all plugins (the remote status endpoint).
  int64_t count_all_on(int64_t day);
  // Every plugin's count of events on `day`, by plugin id.
  std::vector<std::pair<std::string, int64_t>> counts_by_plugin_on(int64_t day);
  // Per value of the payload field `group_by` ("department", "mode"…) on the days of `days`: the
  // count of events, or (with `field`) the sum or average of that numeric field over the events
  // that have it; best first, at most `limit` (negative: all). Read from daily_groups.
  std::vector<GroupValue> leaderboard(const std::string& plugin, const std::string& kind, const std::string& group_by,
                                      const std::string& field, bool average, int limit, DayRange days = {});
  // Consecutive days ending today (or yesterday, when today has none yet) with at least one event.
  int streak(const std::string& plugin, const std::string& kind, const std::string& group_by,
             const std::string& group, int64_t today);
  // Per-day counts between two days (inclusive), for charts.
  std::vector<std::pair<int64_t, int64_t>> per_day(const std::string& plugin, const std::string& kind,
                                                   int64_t from_day, int64_t to_day);

 private:
  Connection& c_;
};

}  // namespace eco::store
