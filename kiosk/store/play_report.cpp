#include "store/play_report.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/iso8601.h"
#include "store/export_xlsx.h"
#include "store/workbook.h"

namespace eco::store {
namespace {

Statement select_plays(Connection& c, const ExportFilter& f) {
  Statement s = c.prepare(
      "SELECT p.start_ms, p.day, i.kiosk, i.content_version, i.scene, i.item, i.campaign, p.shown_ms, p.ending "
      "FROM plays p JOIN play_items i ON i.id = p.item "
      "WHERE p.day >= ?1 AND p.day <= ?2 AND (?3 = '' OR i.campaign = ?3) ORDER BY p.start_ms, p.rowid");
  s.bind(1, f.since_day.value_or(INT64_MIN)).bind(2, f.until_day.value_or(INT64_MAX)).bind(3, f.campaign);
  return s;
}

std::string seconds_text(int64_t ms) { return fmt::format("{:.1f}", static_cast<double>(ms) / 1000.0); }

}  // namespace

const std::vector<std::string> kPlayColumns = {"start", "date",     "kiosk",         "content_version", "scene",
                                                "item",  "campaign", "seconds_shown", "ending"};
const std::vector<std::string> kPlayReportColumns = {"month",    "institution_id", "institution", "kiosk",
                                                      "campaign", "scene",          "item",        "plays",
                                                      "completed", "touched",       "cut_short",   "minutes_shown"};

int64_t export_plays(Connection& c, const ExportFilter& f, ExportFormat format, std::ostream& out, int offset) {
  Statement s = select_plays(c, f);
  if (format == ExportFormat::Csv) {
    out << "\xEF\xBB\xBF";
    for (size_t i = 0; i < kPlayColumns.size(); ++i) out << (i ? "," : "") << kPlayColumns[i];
    out << "\r\n";
  }
  int64_t n = 0;
  for (; s.step(); ++n) {
    std::string start = format_iso8601(TimePoint{std::chrono::milliseconds{s.column_int(0)}}, offset);
    std::string date = format_date(s.column_int(1));
    if (format == ExportFormat::Csv) {
      out << start << ',' << date;
      for (int i : {2, 3, 4, 5, 6}) out << ',' << csv_field(s.column_text(i));
      out << ',' << seconds_text(s.column_int(7)) << ',' << s.column_text(8) << "\r\n";
    } else {
      nlohmann::json row = {{"start", start},
                            {"date", date},
                            {"kiosk", s.column_text(2)},
                            {"content_version", s.column_text(3)},
                            {"scene", s.column_text(4)},
                            {"item", s.column_text(5)},
                            {"campaign", s.column_text(6)},
                            {"seconds_shown", static_cast<double>(s.column_int(7)) / 1000.0},
                            {"ending", s.column_text(8)}};
      out << row.dump() << '\n';
    }
  }
  return n;
}

int64_t add_plays_sheet(Connection& c, const ExportFilter& f, Workbook& wb, int offset, const Locale& locale) {
  wb.add_sheet(locale.t("export.sheet.plays"), localized_headers(kPlayColumns, locale));
  Statement s = select_plays(c, f);
  int64_t n = 0;
  for (; s.step(); ++n) {
    int64_t local_ms = s.column_int(0) + int64_t{offset} * 60000;
    wb.date_time(local_ms - ((local_ms % 1000) + 1000) % 1000);  // to the second, as the CSV has it
    wb.date(s.column_int(1));
    for (int i : {2, 3, 4, 5, 6}) wb.text(s.column_text(i));
    wb.number(static_cast<double>(s.column_int(7)) / 1000.0);
    wb.text(s.column_text(8));
    wb.next_row();
  }
  return n;
}

std::vector<PlayReportRow> monthly_play_rows(Connection& c, int year, int month) {
  auto [first, last] = month_days(year, month);
  Statement s = c.prepare(
      "SELECT i.kiosk, i.campaign, i.scene, i.item, sum(d.n), "
      "       sum(CASE d.ending WHEN 'done' THEN d.n ELSE 0 END), sum(CASE d.ending WHEN 'touched' THEN d.n ELSE 0 END), "
      "       sum(CASE WHEN d.ending IN ('done', 'touched') THEN 0 ELSE d.n END), sum(d.shown_ms) "
      "FROM daily_plays d JOIN play_items i ON i.id = d.item WHERE d.day BETWEEN ? AND ? "
      "GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4");
  s.bind(1, first).bind(2, last);
  std::vector<PlayReportRow> rows;
  while (s.step())
    rows.push_back({s.column_text(0), s.column_text(1), s.column_text(2), s.column_text(3), s.column_int(4),
                    s.column_int(5), s.column_int(6), s.column_int(7), s.column_int(8)});
  return rows;
}

void monthly_play_report(Connection& c, int year, int month, const Institution& who, bool csv, std::ostream& out) {
  std::string title = fmt::format("{:04}-{:02}", year, month);
  std::vector<PlayReportRow> rows = monthly_play_rows(c, year, month);
  auto minutes = [](int64_t ms) { return fmt::format("{:.1f}", static_cast<double>(ms) / 60000.0); };
  if (csv) {
    out << "\xEF\xBB\xBF";
    for (size_t i = 0; i < kPlayReportColumns.size(); ++i) out << (i ? "," : "") << kPlayReportColumns[i];
    out << "\r\n";
    for (const PlayReportRow& r : rows)
      out << title << ',' << csv_field(who.id) << ',' << csv_field(who.name) << ',' << csv_field(r.kiosk) << ','
          << csv_field(r.campaign) << ',' << csv_field(r.scene) << ',' << csv_field(r.item) << ',' << r.plays << ','
          << r.completed << ',' << r.touched << ',' << r.cut_short << ',' << minutes(r.shown_ms) << "\r\n";
    return;
  }
  out << fmt::format("播放月报 / proof of play {}\n", title);
  out << fmt::format("机构 / institution: {}{}\n", who.name, who.id.empty() ? "" : " (" + who.id + ")");
  out << fmt::format("{:<16} {:<20} {:<9} {:<28} {:>7} {:>9} {:>7} {:>9} {:>9}\n", "kiosk", "campaign", "scene", "item",
                     "plays", "completed", "touched", "cut_short", "minutes");
  PlayReportRow total;
  for (const PlayReportRow& r : rows) {
    out << fmt::format("{:<16} {:<20} {:<9} {:<28} {:>7} {:>9} {:>7} {:>9} {:>9}\n", r.kiosk, r.campaign, r.scene, r.item,
                       r.plays, r.completed, r.touched, r.cut_short, minutes(r.shown_ms));
    total.plays += r.plays, total.completed += r.completed, total.touched += r.touched;
    total.cut_short += r.cut_short, total.shown_ms += r.shown_ms;
  }
  out << fmt::format("{:<76} {:>7} {:>9} {:>7} {:>9} {:>9}\n", "合计 / total", total.plays, total.completed, total.touched,
                     total.cut_short, minutes(total.shown_ms));
}

void monthly_play_report_xlsx(Connection& c, int year, int month, const Institution& who, const std::filesystem::path& file,
                              const Locale& locale) {
  Workbook wb(file);
  wb.add_sheet(locale.t("export.sheet.plays_report"), localized_headers(kPlayReportColumns, locale));
  int64_t first = month_days(year, month).first;
  PlayReportRow total;
  for (const PlayReportRow& r : monthly_play_rows(c, year, month)) {
    wb.month(first);
    for (const std::string* v : {&who.id, &who.name, &r.kiosk, &r.campaign, &r.scene, &r.item}) wb.text(*v);
    for (int64_t v : {r.plays, r.completed, r.touched, r.cut_short}) wb.number(static_cast<double>(v));
    wb.number(static_cast<double>(r.shown_ms) / 60000.0);
    wb.next_row();
    total.plays += r.plays, total.completed += r.completed, total.touched += r.touched;
    total.cut_short += r.cut_short, total.shown_ms += r.shown_ms;
  }
  wb.text(locale.t("export.total"));
  for (int i = 0; i < 6; ++i) wb.blank();
  for (int64_t v : {total.plays, total.completed, total.touched, total.cut_short}) wb.sum_above(static_cast<double>(v));
  wb.sum_above(static_cast<double>(total.shown_ms) / 60000.0);
  wb.next_row();
  wb.commit();
}

}  // namespace eco::store
