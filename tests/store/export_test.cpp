// Export checked by reading it back the way a report writer would: Python's csv module, and the
// sqlite3 command-line tool on a backup.
#include "store/export.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "store/database.h"
#include "store/event.h"
#include "../common/command_output.h"
#include "temp_dir.h"

using namespace eco;
using namespace eco::store;

namespace {
std::string run(const std::string& cmd) { return eco::testing::run_command(cmd).output; }
}  // namespace

TEST(Export, CsvFieldQuoting) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("line\nbreak"), "\"line\nbreak\"");
  EXPECT_EQ(csv_field("节能"), "节能");
}

TEST(Export, CsvReadsBackInPythonWithChineseCommasQuotesAndNewlines) {
  fixture::TempDir dir;
  Connection c = open_database(dir.path / "ecolobby.db").connection;
  Clock clock(parse_iso8601("2026-06-24T12:30:00+08:00")->utc, 480, 1, Clock::Mode::Manual);
  Event e = make_event(clock, "大厅一号", "clean_plate", "checkin",
                       {{"department", "财务科"}, {"note", "光盘, \"好\"\n第二行"}});
  Statement s = c.prepare("INSERT INTO events(id, ts_ms, day, local_date, kiosk, plugin, campaign, kind, department, payload) VALUES(?,?,?,?,?,?,?,?,?,?)");
  s.bind(1, e.id).bind(2, e.ts_ms).bind(3, e.day).bind(4, e.local_date).bind(5, e.kiosk).bind(6, e.plugin);
  s.bind(7, e.campaign).bind(8, e.kind).bind(9, e.department).bind(10, e.payload.dump());
  s.step();
  auto csv = dir.path / "out.csv";
  {
    std::ofstream out(csv, std::ios::binary);
    EXPECT_EQ(export_events(c, {}, ExportFormat::Csv, out, 480), 1);
  }
  std::string py = run("python3 -c \"import csv,json,sys; r=list(csv.DictReader(open('" + csv.string() +
                       "', encoding='utf-8-sig', newline=''))); print(len(r)); print(r[0]['kiosk']); "
                       "print(r[0]['time']); print(json.loads(r[0]['payload'])['note'] == '光盘, \\\"好\\\"\\n第二行')\"");
  EXPECT_EQ(py, "1\n大厅一号\n2026-06-24T12:30:00+08:00\nTrue\n");
  std::ifstream in(csv, std::ios::binary);
  char bom[3];
  in.read(bom, 3);
  EXPECT_EQ(std::string(bom, 3), "\xEF\xBB\xBF");

  std::ostringstream json;
  ExportFilter none_match;
  none_match.campaign = "quiz";
  EXPECT_EQ(export_events(c, none_match, ExportFormat::Json, json, 480), 0);
  EXPECT_EQ(export_events(c, {}, ExportFormat::Json, json, 480), 1);
  EXPECT_NE(json.str().find("\"department\":\"财务科\""), std::string::npos) << json.str();

  backup_database(c, (dir.path / "backup.db").string());
  EXPECT_EQ(run("sqlite3 " + (dir.path / "backup.db").string() + " 'SELECT kiosk FROM events'"), "大厅一号\n");
  std::ostringstream report;
  monthly_report(c, 2026, 6, {"500231A013", "垫江县财政局"}, false, report);
  EXPECT_NE(report.str().find("clean_plate"), std::string::npos) << report.str();
  EXPECT_NE(report.str().find("财务科"), std::string::npos) << report.str();
  EXPECT_NE(report.str().find("垫江县财政局 (500231A013)"), std::string::npos) << report.str();
  EXPECT_NE(report.str().find("大厅一号"), std::string::npos) << "the kiosk column: " << report.str();
  std::ostringstream report_csv;
  monthly_report(c, 2026, 6, {"500231A013", "垫江县财政局"}, true, report_csv);
  EXPECT_EQ(report_csv.str(), "\xEF\xBB\xBFmonth,institution_id,institution,kiosk,campaign,department,kind,count\r\n"
                              "2026-06,500231A013,垫江县财政局,大厅一号,clean_plate,财务科,checkin,1\r\n");
}
