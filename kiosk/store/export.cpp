#include "store/export.h"

#include <sqlite3.h>

#include <map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/iso8601.h"

namespace eco::store {

std::string csv_field(const std::string& v) {
  if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

const std::vector<std::string> kEventColumns = {"id",   "time", "date",       "kiosk",   "plugin",
                                                 "campaign", "kind", "department", "session", "payload"};
const std::vector<std::string> kReportColumns = {"month",    "institution_id", "institution", "kiosk",
                                                  "campaign", "department",     "kind",        "count"};

Statement select_events(Connection& c, const ExportFilter& f) {
  Statement s = c.prepare(
      "SELECT id, ts_ms, local_date, kiosk, plugin, campaign, kind, coalesce(department, ''), coalesce(session, ''), payload "
      "FROM events WHERE day >= ?1 AND day <= ?2 AND (?3 = '' OR campaign = ?3) ORDER BY ts_ms, id");
  s.bind(1, f.since_day.value_or(INT64_MIN)).bind(2, f.until_day.value_or(INT64_MAX)).bind(3, f.campaign);
  return s;
}

int64_t export_events(Connection& c, const ExportFilter& f, ExportFormat format, std::ostream& out, int offset) {
  Statement s = select_events(c, f);
  if (format == ExportFormat::Csv) {
    out << "\xEF\xBB\xBF";  // BOM: Excel and WPS then read UTF-8, so Chinese shows correctly
    for (size_t i = 0; i < kEventColumns.size(); ++i) out << (i ? "," : "") << kEventColumns[i];
    out << "\r\n";
  }
  int64_t n = 0;
  while (s.step()) {
    std::string time = format_iso8601(TimePoint{std::chrono::milliseconds{s.column_int(1)}}, offset);
    if (format == ExportFormat::Csv) {
      out << csv_field(s.column_text(0)) << ',' << time;
      for (int i : {2, 3, 4, 5, 6, 7, 8, 9}) out << ',' << csv_field(s.column_text(i));
      out << "\r\n";
    } else {
      nlohmann::json row = {{"id", s.column_text(0)},       {"time", time},
                            {"date", s.column_text(2)},     {"kiosk", s.column_text(3)},
                            {"plugin", s.column_text(4)},   {"campaign", s.column_text(5)},
                            {"kind", s.column_text(6)},     {"department", s.column_text(7)},
                            {"session", s.column_text(8)},  {"payload", nlohmann::json::parse(s.column_text(9), nullptr, false)}};
      out << row.dump() << '\n';
    }
    ++n;
  }
  return n;
}

std::pair<int64_t, int64_t> month_days(int year, int month) {
  int64_t first = days_from_civil(year, month, 1);
  int64_t next = month == 12 ? days_from_civil(year + 1, 1, 1) : days_from_civil(year, month + 1, 1);
  return {first, next - 1};
}

std::vector<ReportRow> monthly_rows(Connection& c, int year, int month) {
  auto [first, last] = month_days(year, month);
  Statement s = c.prepare(
      "SELECT kiosk, campaign, coalesce(department, '(未填)'), kind, count(*) FROM events WHERE day BETWEEN ? AND ? "
      "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4");
  s.bind(1, first).bind(2, last);
  std::vector<ReportRow> rows;
  while (s.step()) rows.push_back({s.column_text(0), s.column_text(1), s.column_text(2), s.column_text(3), s.column_int(4)});
  return rows;
}

void monthly_report(Connection& c, int year, int month, const Institution& who, bool csv, std::ostream& out) {
  std::string title = fmt::format("{:04}-{:02}", year, month);
  std::vector<ReportRow> rows = monthly_rows(c, year, month);
  if (csv) {
    out << "\xEF\xBB\xBF";
    for (size_t i = 0; i < kReportColumns.size(); ++i) out << (i ? "," : "") << kReportColumns[i];
    out << "\r\n";
    for (const ReportRow& r : rows)
      out << title << ',' << csv_field(who.id) << ',' << csv_field(who.name) << ',' << csv_field(r.kiosk) << ','
          << csv_field(r.campaign) << ',' << csv_field(r.department) << ',' << csv_field(r.kind) << ',' << r.count << "\r\n";
    return;
  }
  out << fmt::format("参与情况月报 / participation report {}\n", title);
  out << fmt::format("机构 / institution: {}{}\n", who.name, who.id.empty() ? "" : " (" + who.id + ")");
  out << fmt::format("{:<16} {:<24} {:<16} {:<16} {:>8}\n", "kiosk", "campaign", "department", "kind", "count");
  int64_t total = 0;
  for (const ReportRow& r : rows) {
    total += r.count;
    out << fmt::format("{:<16} {:<24} {:<16} {:<16} {:>8}\n", r.kiosk, r.campaign, r.department, r.kind, r.count);
  }
  out << fmt::format("{:<75} {:>8}\n", "合计 / total", total);
}

void backup_database(Connection& c, const std::string& destination) {
  Connection dest(destination, true);
  sqlite3_backup* b = sqlite3_backup_init(dest.raw(), "main", c.raw(), "main");
  if (!b) dest.fail("cannot start backup", sqlite3_errcode(dest.raw()));
  int rc;
  do {
    rc = sqlite3_backup_step(b, 1024);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) dest.fail("backup failed", rc);
}

}  // namespace eco::store
