#pragma once
// Proof of play out of the database: every showing (export) and the month per kiosk, campaign
// and item (report --plays: "节能宣传周期间展播 N 次"), as CSV, NDJSON, a text table or a workbook.
// The month is read from the daily rollup, so a year of plays costs a report nothing.
#include <cstdint>
#include <filesystem>
#include <ostream>
#include <string>
#include <vector>

#include "base/locale.h"
#include "store/export.h"

namespace eco::store {

class Workbook;

// Columns of one showing and of the monthly report, as CSV headers name them; workbooks show
// them localized (export.column.<name>).
extern const std::vector<std::string> kPlayColumns;
extern const std::vector<std::string> kPlayReportColumns;

// Writes the showings that match `filter` (campaign = the slot's campaign); returns how many.
int64_t export_plays(Connection& c, const ExportFilter& filter, ExportFormat format, std::ostream& out,
                     int utc_offset_minutes);
// Adds a sheet of those showings to `wb` (export.sheet.plays); returns how many.
int64_t add_plays_sheet(Connection& c, const ExportFilter& filter, Workbook& wb, int utc_offset_minutes,
                        const Locale& locale);

struct PlayReportRow {
  std::string kiosk, campaign, scene, item;
  int64_t plays = 0, completed = 0, touched = 0, cut_short = 0, shown_ms = 0;
};
std::vector<PlayReportRow> monthly_play_rows(Connection& c, int year, int month);
void monthly_play_report(Connection& c, int year, int month, const Institution& who, bool csv, std::ostream& out);
void monthly_play_report_xlsx(Connection& c, int year, int month, const Institution& who,
                              const std::filesystem::path& file, const Locale& locale);

}  // namespace eco::store
