#pragma once
// Getting records out for reports: CSV that Excel and WPS open with Chinese intact (UTF-8 with
// BOM, CRLF, RFC 4180 quoting), NDJSON, a monthly summary per kiosk, campaign and department,
// and an online backup of the database file. Workbooks (.xlsx) are in store/export_xlsx.h.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "store/sqlite.h"

namespace eco::store {

struct ExportFilter {
  std::optional<int64_t> since_day, until_day;  // inclusive local days
  std::string campaign;
};

enum class ExportFormat { Csv, Json };

// The event columns, as the CSV header names them; workbooks show them localized
// (locale key "export.column.<name>").
extern const std::vector<std::string> kEventColumns;
// The matching events, columns in kEventColumns order but `ts_ms` (integer) for "time".
Statement select_events(Connection& c, const ExportFilter& filter);

// Writes matching events; returns how many. `utc_offset_minutes` renders local times.
int64_t export_events(Connection& c, const ExportFilter& filter, ExportFormat format, std::ostream& out,
                      int utc_offset_minutes);
// One CSV field, quoted when it holds a comma, quote, CR or LF.
std::string csv_field(const std::string& value);

// Whose screen a report is from: [data] building (the institution's id in the feeds) and
// org_name. One database belongs to one screen, so these come from its configuration.
struct Institution {
  std::string id, name;
};

struct ReportRow {
  std::string kiosk, campaign, department, kind;
  int64_t count = 0;
};
extern const std::vector<std::string> kReportColumns;  // month, institution_id, … count
// Counts per kiosk, campaign, department ("(未填)" when none) and kind for one month.
std::vector<ReportRow> monthly_rows(Connection& c, int year, int month);
// The first and last local day numbers of a month.
std::pair<int64_t, int64_t> month_days(int year, int month);
// The same as a text table or CSV ("2026-06").
void monthly_report(Connection& c, int year, int month, const Institution& who, bool csv, std::ostream& out);

// SQLite's online backup API: a consistent copy while the kiosk keeps writing.
void backup_database(Connection& c, const std::string& destination);

}  // namespace eco::store
