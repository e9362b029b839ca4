#include "store/queries.h"

#include <fmt/format.h>

namespace eco::store {

// Counts and per-day figures read the daily rollup (schema 3), kept in step by the writer.
int64_t Queries::count(const std::string& plugin, const std::string& kind, DayRange days) {
  Statement s = c_.prepare(kind.empty() ? "SELECT total(n) FROM daily WHERE plugin = ?1 AND day BETWEEN ?3 AND ?4"
                                        : "SELECT total(n) FROM daily WHERE plugin = ?1 AND kind = ?2 AND day BETWEEN ?3 AND ?4");
  s.bind(1, plugin).bind(2, kind).bind(3, days.from).bind(4, days.to);
  return s.step() ? s.column_int(0) : 0;
}

int64_t Queries::count_on(const std::string& plugin, const std::string& kind, int64_t day) {
  Statement s = c_.prepare(kind.empty() ? "SELECT total(n) FROM daily WHERE plugin = ?1 AND day = ?3"
                                        : "SELECT total(n) FROM daily WHERE plugin = ?1 AND kind = ?2 AND day = ?3");
  s.bind(1, plugin).bind(2, kind).bind(3, day);
  return s.step() ? s.column_int(0) : 0;
}

int64_t Queries::count_all_on(int64_t day) {
  Statement s = c_.prepare("SELECT count(*) FROM events WHERE day = ?1");
  s.bind(1, day);
  return s.step() ? s.column_int(0) : 0;
}

std::vector<std::pair<std::string, int64_t>> Queries::counts_by_plugin_on(int64_t day) {
  Statement s = c_.prepare("SELECT plugin, count(*) FROM events WHERE day = ?1 GROUP BY plugin ORDER BY plugin");
  s.bind(1, day);
  std::vector<std::pair<std::string, int64_t>> out;
  while (s.step()) out.emplace_back(s.column_text(0), s.column_int(1));
  return out;
}

std::vector<GroupValue> Queries::leaderboard(const std::string& plugin, const std::string& kind,
                                             const std::string& group_by, const std::string& field, bool average,
                                             int limit, DayRange days) {
  // Schema 4's grouped rollup: a few rows per group and day, whatever the number of events.
  std::string value = field.empty() || !average ? "total(total)" : "total(total) / total(n)";
  if (field.empty()) value = "total(n)";
  Statement s = c_.prepare(fmt::format(
      "SELECT group_value, {} AS v FROM daily_groups WHERE plugin = ?1 {} AND group_key = ?5 AND field = ?6 "
      "AND day BETWEEN ?3 AND ?4 GROUP BY group_value ORDER BY v DESC, group_value LIMIT ?7",
      value, kind.empty() ? "" : "AND kind = ?2"));
  s.bind(1, plugin).bind(2, kind).bind(3, days.from).bind(4, days.to).bind(5, group_by).bind(6, field);
  s.bind(7, static_cast<int64_t>(limit < 0 ? INT64_MAX : limit));
  std::vector<GroupValue> out;
  while (s.step()) out.push_back({s.column_text(0), s.column_double(1)});
  return out;
}

int Queries::streak(const std::string& plugin, const std::string& kind, const std::string& group_by,
                    const std::string& group, int64_t today) {
  // A group's days come from the grouped rollup, all days from the plain one.
  std::string sql = fmt::format(
      "SELECT DISTINCT day FROM {} WHERE plugin = ?1 {} {} AND day <= ?3 ORDER BY day DESC LIMIT 3660",
      group_by.empty() ? "daily" : "daily_groups", kind.empty() ? "" : "AND kind = ?2",
      group_by.empty() ? "" : "AND group_key = ?5 AND field = '' AND group_value = ?4");
  Statement s = c_.prepare(sql);
  s.bind(1, plugin).bind(2, kind).bind(3, today).bind(4, group).bind(5, group_by);
  int n = 0;
  int64_t expect = today;
  bool first = true;
  while (s.step()) {
    int64_t day = s.column_int(0);
    if (first && day == today - 1) expect = today - 1;  // today may simply not have started yet
    first = false;
    if (day != expect) break;
    ++n;
    --expect;
  }
  return n;
}

std::vector<std::pair<int64_t, int64_t>> Queries::per_day(const std::string& plugin, const std::string& kind,
                                                          int64_t from_day, int64_t to_day) {
  Statement s = c_.prepare(
      "SELECT day, total(n) FROM daily WHERE plugin = ?1 AND (?2 = '' OR kind = ?2) AND day BETWEEN ?3 AND ?4 "
      "GROUP BY day ORDER BY day");
  s.bind(1, plugin).bind(2, kind).bind(3, from_day).bind(4, to_day);
  std::vector<std::pair<int64_t, int64_t>> out;
  while (s.step()) out.emplace_back(s.column_int(0), s.column_int(1));
  return out;
}

}  // namespace eco::store
