#pragma once
// The questions campaigns and reports ask of the participation records. All use indexes
// (plugin, kind, day) or (campaign, day); figures for a year of 20 kiosks are in docs/perf.md.
#include <string>
#include <vector>

#include "store/sqlite.h"

namespace eco::store {

struct GroupValue {
  std::string group;
  double value = 0;
};

class Queries {
 public:
  explicit Queries(Connection& c) : c_(c) {}
  // Events of `plugin` (and `kind`, if not empty) on days >= since_day.
  int64_t count(const std::string& plugin, const std::string& kind, int64_t since_day);
  int64_t count_on(const std::string& plugin, const std::string& kind, int64_t day);
  // Every event recorded on `day`, all plugins (the remote status endpoint).
  int64_t count_all_on(int64_t day);
  // Sum or average of a numeric payload field (or the count when field is empty), grouped by
  // "department" or by a payload field, best first.
  std::vector<GroupValue> leaderboard(const std::string& plugin, const std::string& kind, const std::string& group_by,
                                      const std::string& field, bool average, int limit);
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
