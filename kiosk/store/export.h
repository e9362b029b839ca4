#pragma once
// Getting records out for reports: CSV that Excel and WPS open with Chinese intact (UTF-8 with
// BOM, CRLF, RFC 4180 quoting), NDJSON, a monthly summary per campaign and department, and an
// online backup of the database file.
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

#include "store/sqlite.h"

namespace eco::store {

struct ExportFilter {
  std::optional<int64_t> since_day, until_day;  // inclusive local days
  std::string campaign;
};

enum class ExportFormat { Csv, Json };

// Writes matching events; returns how many. `utc_offset_minutes` renders local times.
int64_t export_events(Connection& c, const ExportFilter& filter, ExportFormat format, std::ostream& out,
                      int utc_offset_minutes);
// One CSV field, quoted when it holds a comma, quote, CR or LF.
std::string csv_field(const std::string& value);

// Counts per campaign and department for one month ("2026-06"); text table or CSV.
void monthly_report(Connection& c, int year, int month, bool csv, std::ostream& out);

// SQLite's online backup API: a consistent copy while the kiosk keeps writing.
void backup_database(Connection& c, const std::string& destination);

}  // namespace eco::store
