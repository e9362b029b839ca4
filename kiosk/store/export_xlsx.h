#pragma once
// Exports as Excel workbooks (.xlsx), the format to give anyone who opens them in a spreadsheet:
// LibreOffice reads a CSV's BOM as Latin-1 unless UTF-8 is chosen by hand, a workbook has no
// encoding to choose. Headers in the screen's language, times and dates as real Excel dates,
// counts and numeric payload fields as numbers, one sheet per table. Written whole or not at all
// (store/workbook.h).
#include <filesystem>

#include "base/locale.h"
#include "store/export.h"

namespace eco::store {

// The locale's headers for export columns (export.column.<name>).
std::vector<std::string> localized_headers(const std::vector<std::string>& columns, const Locale& locale);

// Sheet "参与记录" (export.sheet.events): the kEventColumns, then one column per payload field
// found in the exported events (its value as a number, boolean or text); then sheet "播放记录"
// (export.sheet.plays), the proof of play of the same days. Returns how many events.
int64_t export_events_xlsx(Connection& c, const ExportFilter& filter, const std::filesystem::path& file,
                           int utc_offset_minutes, const Locale& locale);

// Sheet "月报" (export.sheet.report): the kReportColumns and a total row (=SUM).
void monthly_report_xlsx(Connection& c, int year, int month, const Institution& who, const std::filesystem::path& file,
                         const Locale& locale);

}  // namespace eco::store
