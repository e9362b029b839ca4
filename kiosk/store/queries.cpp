#include "store/queries.h"

#include <fmt/format.h>

namespace eco::store {
namespace {
// Payload field paths come from plugin code: only plain identifiers reach the SQL.
std::string json_path(const std::string& field) {
  for (char c : field)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) throw std::invalid_argument("bad field name '" + field + "'");
  return "$." + field;
}
std::string group_expr(const std::string& group_by) {
  return group_by == "department" ? std::string("department")
                                  : fmt::format("json_extract(payload, '{}')", json_path(group_by));
}
}  // namespace

// Counts and per-day figures read the daily rollup (schema 3), kept in step by the writer.
int64_t Queries::count(const std::string& plugin, const std::string& kind, int64_t since_day) {
  Statement s = c_.prepare(kind.empty() ? "SELECT total(n) FROM daily WHERE plugin = ?1 AND day >= ?3"
                                        : "SELECT total(n) FROM daily WHERE plugin = ?1 AND kind = ?2 AND day >= ?3");
  s.bind(1, plugin).bind(2, kind).bind(3, since_day);
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

std::vector<GroupValue> Queries::leaderboard(const std::string& plugin, const std::string& kind,
                                             const std::string& group_by, const std::string& field, bool average,
                                             int limit) {
  if (group_by == "department" && (field.empty() || field == "score")) {
    std::string v = field.empty() ? "total(n)" : average ? "total(score_sum) / total(n)" : "total(score_sum)";
    Statement s = c_.prepare(fmt::format(
        "SELECT department, {} AS v FROM daily WHERE plugin = ?1 {} AND department != '' GROUP BY department "
        "ORDER BY v DESC, department LIMIT ?3",
        v, kind.empty() ? "" : "AND kind = ?2"));
    s.bind(1, plugin).bind(2, kind).bind(3, static_cast<int64_t>(limit < 0 ? 1000 : limit));
    std::vector<GroupValue> out;
    while (s.step()) out.push_back({s.column_text(0), s.column_double(1)});
    return out;
  }
  // Other groupings read the events themselves.
  std::string value = field.empty() ? "count(*)"
                                    : fmt::format("{}(json_extract(payload, '{}'))", average ? "avg" : "total", json_path(field));
  std::string g = group_expr(group_by);
  std::string sql = fmt::format(
      "SELECT {0} AS g, {1} AS v FROM events WHERE plugin = ?1 {2} AND {0} IS NOT NULL GROUP BY g ORDER BY v DESC, g LIMIT ?3",
      g, value, kind.empty() ? "" : "AND kind = ?2");
  Statement s = c_.prepare(sql);
  s.bind(1, plugin).bind(2, kind).bind(3, static_cast<int64_t>(limit < 0 ? 1000 : limit));
  std::vector<GroupValue> out;
  while (s.step()) out.push_back({s.column_text(0), s.column_double(1)});
  return out;
}

int Queries::streak(const std::string& plugin, const std::string& kind, const std::string& group_by,
                    const std::string& group, int64_t today) {
  bool rollup = group_by.empty() || group_by == "department";
  std::string filter = group_by.empty() ? "" : rollup ? "AND department = ?4" : fmt::format("AND {} = ?4", group_expr(group_by));
  std::string sql = fmt::format(
      "SELECT DISTINCT day FROM {} WHERE plugin = ?1 {} {} AND day <= ?3 ORDER BY day DESC LIMIT 3660",
      rollup ? "daily" : "events", kind.empty() ? "" : "AND kind = ?2", filter);
  Statement s = c_.prepare(sql);
  s.bind(1, plugin).bind(2, kind).bind(3, today).bind(4, group);
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
