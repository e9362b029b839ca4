#include "store/export_xlsx.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/iso8601.h"
#include "store/play_report.h"
#include "store/workbook.h"

namespace eco::store {
std::vector<std::string> localized_headers(const std::vector<std::string>& columns, const Locale& locale) {
  std::vector<std::string> out;
  for (const auto& c : columns) out.push_back(locale.t("export.column." + c));
  return out;
}

namespace {

// The payload fields of the exported events, in name order. The department is a column already.
std::vector<std::string> payload_fields(Connection& c, const ExportFilter& f) {
  Statement s = c.prepare(
      "SELECT DISTINCT j.key FROM events, json_each(CASE WHEN json_valid(events.payload) AND json_type(events.payload) = 'object' "
      "THEN events.payload ELSE '{}' END) AS j "
      "WHERE day >= ?1 AND day <= ?2 AND (?3 = '' OR campaign = ?3) AND j.key <> 'department' ORDER BY 1");
  s.bind(1, f.since_day.value_or(INT64_MIN)).bind(2, f.until_day.value_or(INT64_MAX)).bind(3, f.campaign);
  std::vector<std::string> keys;
  while (s.step()) keys.push_back(s.column_text(0));
  return keys;
}

}  // namespace

int64_t export_events_xlsx(Connection& c, const ExportFilter& f, const std::filesystem::path& file, int offset,
                           const Locale& locale) {
  Workbook wb(file);
  std::vector<std::string> fields = payload_fields(c, f);
  std::vector<std::string> head = localized_headers(kEventColumns, locale);
  head.insert(head.end(), fields.begin(), fields.end());
  wb.add_sheet(locale.t("export.sheet.events"), head);
  Statement s = select_events(c, f);
  int64_t n = 0;
  while (s.step()) {
    wb.text(s.column_text(0));
    // To the second, as the CSV writes it: a spreadsheet rounds hh:mm:ss, so 12:30:00.999
    // would read as 12:30:01.
    int64_t local_ms = s.column_int(1) + int64_t{offset} * 60000;
    wb.date_time(local_ms - ((local_ms % 1000) + 1000) % 1000);
    if (auto day = parse_date(s.column_text(2))) wb.date(*day);
    else wb.text(s.column_text(2));
    for (int i : {3, 4, 5, 6, 7, 8, 9}) wb.text(s.column_text(i));
    nlohmann::json payload = nlohmann::json::parse(s.column_text(9), nullptr, false);
    for (const auto& key : fields) {
      if (payload.is_object() && payload.contains(key)) wb.json_value(payload[key]);
      else wb.blank();
    }
    wb.next_row();
    ++n;
  }
  add_plays_sheet(c, f, wb, offset, locale);
  wb.commit();
  return n;
}

void monthly_report_xlsx(Connection& c, int year, int month, const Institution& who, const std::filesystem::path& file,
                         const Locale& locale) {
  Workbook wb(file);
  wb.add_sheet(locale.t("export.sheet.report"), localized_headers(kReportColumns, locale));
  int64_t first = month_days(year, month).first, total = 0;
  for (const ReportRow& r : monthly_rows(c, year, month)) {
    wb.month(first);
    for (const std::string* v : {&who.id, &who.name, &r.kiosk, &r.campaign, &r.department, &r.kind}) wb.text(*v);
    wb.number(static_cast<double>(r.count));
    wb.next_row();
    total += r.count;
  }
  wb.text(locale.t("export.total"));
  for (int i = 0; i < 6; ++i) wb.blank();
  wb.sum_above(static_cast<double>(total));
  wb.next_row();
  wb.commit();
}

}  // namespace eco::store
