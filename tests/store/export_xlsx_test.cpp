// Workbooks read back the way an administrator's spreadsheet reads them: the real program writes
// the .xlsx, LibreOffice (headless) converts every sheet to CSV, and each cell is compared with
// what the CSV export says and what the store holds. LibreOffice quotes the text cells only, so
// an unquoted cell is a number or a date there, which is how the types are checked.
#include <chrono>
#include <fstream>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/file_io.h"
#include "base/iso8601.h"
#include "store/event.h"
#include "store/participation_writer.h"
#include "../common/command_output.h"
#include "temp_dir.h"

using namespace eco;
using namespace eco::store;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

struct Cell {
  std::string text;
  bool quoted = false;
};
using Row = std::vector<Cell>;

// RFC 4180 as LibreOffice and the CSV export write it (a BOM, CRLF or LF, "" inside quotes).
std::vector<Row> parse_csv(std::string s) {
  if (s.rfind("\xEF\xBB\xBF", 0) == 0) s.erase(0, 3);
  std::vector<Row> rows;
  Row row;
  Cell cell;
  bool in_quotes = false, any = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_quotes) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') cell.text += '"', ++i;
      else if (c == '"') in_quotes = false;
      else cell.text += c;
    } else if (c == '"') {
      in_quotes = cell.quoted = any = true;
    } else if (c == ',') {
      row.push_back(std::move(cell)), cell = {};
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      row.push_back(std::move(cell)), cell = {};
      rows.push_back(std::move(row)), row = {};
      any = false;
    } else {
      cell.text += c;
      any = true;
    }
  }
  if (any || !row.empty()) row.push_back(std::move(cell)), rows.push_back(std::move(row));
  return rows;
}

std::string read(const fs::path& p) { return read_whole_file(p).value_or("(missing " + p.string() + ")"); }

eco::testing::CommandOutput ecolobby(const fs::path& config, const std::string& args) {
  return eco::testing::run_command(std::string(ECOLOBBY_BINARY) + " --config " + config.string() + " " + args + " 2>&1");
}

// Every sheet of each workbook as CSV: {file stem: {sheet name: rows}}. One LibreOffice start for
// all of them (it is slow to start), with a private profile so tests side by side do not share one.
using Sheets = std::map<std::string, std::vector<Row>>;
std::map<std::string, Sheets> convert(const std::vector<fs::path>& workbooks, const fs::path& work) {
  fs::path out = work / "lo";
  fs::create_directories(out);
  std::string files;
  for (const auto& w : workbooks) files += " " + w.string();
  auto r = eco::testing::run_command("cd " + out.string() + " && LANG=C.UTF-8 HOME=" + out.string() +
                                " timeout 400 soffice -env:UserInstallation=file://" + out.string() + "/profile" +
                                " --headless --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,true,false,false,-1'"
                                " --outdir " + out.string() + files + " 2>&1");
  EXPECT_EQ(r.code, 0) << r.output;
  std::map<std::string, Sheets> result;
  for (const auto& w : workbooks) {
    std::string prefix = w.stem().string() + "-";
    for (const auto& e : fs::directory_iterator(out)) {
      std::string name = e.path().filename().string();
      if (e.path().extension() == ".csv" && name.rfind(prefix, 0) == 0)
        result[w.stem().string()][name.substr(prefix.size(), name.size() - prefix.size() - 4)] = parse_csv(read(e.path()));
    }
    EXPECT_FALSE(result[w.stem().string()].empty()) << w << ": " << r.output;
  }
  return result;
}

std::vector<std::string> texts(const Row& r) {
  std::vector<std::string> out;
  for (const auto& c : r) out.push_back(c.text);
  return out;
}

class XlsxExport : public ::testing::Test {
 protected:
  fixture::TempDir dir;
  fs::path config = dir.path / "ecolobby.toml";
  std::vector<Event> events;

  void SetUp() override {
    std::ofstream(config) << "data_dir = \"" << dir.path.string() << "\"\n"
                          << "kiosk_id = \"大厅一号\"\norg_name = \"垫江县财政局\"\n[data]\nbuilding = \"500231A013\"\n";
    // Real events through the real writer: Chinese, commas, quotes, a line break, numbers,
    // booleans, no department, a millisecond just before a second turns, two months.
    Clock clock(parse_iso8601("2026-06-24T12:30:00.999+08:00")->utc, 480, 1, Clock::Mode::Manual);
    auto add = [&](std::string plugin, std::string kind, nlohmann::json payload, std::string kiosk = "大厅一号") {
      events.push_back(make_event(clock, std::move(kiosk), std::move(plugin), std::move(kind), std::move(payload), "s1"));
      clock.advance(3h + 17min + 1s);
    };
    add("clean_plate", "checkin", {{"department", "财务科"}, {"note", "光盘, \"好\"\n第二行"}});
    add("energy_week_quiz", "answer", {{"department", "办公室"}, {"score", 3}, {"correct", true}});
    add("energy_week_quiz", "finish", {{"department", "财务科"}, {"score", 2.5}, {"correct", false}});
    add("low_carbon_pledge", "pledge", {{"mode", "walk"}, {"km", 12}}, "二楼, 东");
    for (int i = 0; i < 40; ++i) add("clean_plate", "checkin", {{"department", i % 2 ? "后勤科" : "信息中心"}});
    ParticipationWriter writer(dir.path / "ecolobby.db");
    for (const auto& e : events) ASSERT_TRUE(writer.enqueue(e));
    // Proof of play: a campaign's plugin, a slide with a comma in its title, two endings.
    int64_t start = parse_iso8601("2026-06-24T10:00:00+08:00")->utc.time_since_epoch().count();
    for (int i = 0; i < 6; ++i) {
      Play p;
      p.start_ms = start + i * 20'000;
      p.day = days_from_civil(2026, 6, 24);
      p.shown_ms = i == 5 ? 2'500 : 20'000;
      p.ending = i == 5 ? PlayEnding::Update : PlayEnding::Done;
      p.kiosk = "大厅一号";
      p.content_version = "2026.06.1";
      p.scene = i % 2 ? "slide" : "plugin";
      p.item = i % 2 ? "光盘行动, 从我做起" : "energy_week_quiz";
      p.campaign = i % 2 ? "" : "energy_week";
      ASSERT_TRUE(writer.enqueue(p));
    }
    ASSERT_TRUE(writer.flush(30s));
  }
};

TEST_F(XlsxExport, EveryCellMatchesTheCsvExportWithRealDatesAndNumbers) {
  auto csv = ecolobby(config, "export --format csv --out " + (dir.path / "all.csv").string());
  ASSERT_EQ(csv.code, 0) << csv.output;
  auto xlsx = ecolobby(config, "export --format xlsx --out " + (dir.path / "all.xlsx").string());
  ASSERT_EQ(xlsx.code, 0) << xlsx.output;
  EXPECT_NE(xlsx.output.find("44 events"), std::string::npos) << xlsx.output;
  auto en = ecolobby(config, "export --format xlsx --lang en --out " + (dir.path / "en.xlsx").string());
  ASSERT_EQ(en.code, 0) << en.output;

  std::vector<Row> expected = parse_csv(read(dir.path / "all.csv"));
  ASSERT_EQ(expected.size(), events.size() + 1);
  auto converted = convert({dir.path / "all.xlsx", dir.path / "en.xlsx"}, dir.path);
  auto& sheets = converted["all"];
  ASSERT_EQ(sheets.size(), 2u) << "the events and the plays";
  {
    SCOPED_TRACE("plays sheet");
    auto plays_csv = ecolobby(config, "export --table plays --format csv --out " + (dir.path / "plays.csv").string());
    ASSERT_EQ(plays_csv.code, 0) << plays_csv.output;
    std::vector<Row> want = parse_csv(read(dir.path / "plays.csv"));
    ASSERT_EQ(want.size(), 7u);
    ASSERT_TRUE(sheets.contains("播放记录"));
    const auto& plays = sheets["播放记录"];
    ASSERT_EQ(plays.size(), want.size());
    EXPECT_EQ(texts(plays[0]), (std::vector<std::string>{"开始时间", "日期", "屏幕", "内容版本", "场景", "内容", "活动",
                                                         "展示秒数", "结束方式"}));
    for (size_t r = 1; r < want.size(); ++r) {
      ASSERT_EQ(plays[r].size(), 9u);
      EXPECT_EQ(plays[r][0].text, want[r][0].text.substr(0, 10) + " " + want[r][0].text.substr(11, 8)) << "a local date-time";
      EXPECT_FALSE(plays[r][0].quoted);
      for (size_t c = 1; c < 9; ++c)
        if (c != 7) {
          EXPECT_EQ(plays[r][c].text, want[r][c].text) << "column " << c;
        }
      EXPECT_DOUBLE_EQ(std::stod(plays[r][7].text), std::stod(want[r][7].text));
      EXPECT_FALSE(plays[r][7].quoted) << "seconds are a number";
    }
  }
  ASSERT_TRUE(sheets.contains("参与记录")) << sheets.begin()->first;
  const auto& got = sheets["参与记录"];
  ASSERT_EQ(got.size(), expected.size());
  // Chinese headers, then the payload fields in name order (the department is a column already).
  EXPECT_EQ(texts(got[0]), (std::vector<std::string>{"记录编号", "时间", "日期", "屏幕", "插件", "活动", "类型", "部门", "会话",
                                                     "附加数据", "correct", "km", "mode", "note", "score"}));
  auto& en_sheets = converted["en"];
  ASSERT_TRUE(en_sheets.contains("events"));
  Row en_head = en_sheets["events"][0];
  en_head.resize(expected[0].size());
  EXPECT_EQ(texts(en_head), texts(expected[0])) << "English headers are the CSV's column names";

  for (size_t r = 1; r < expected.size(); ++r) {
    const Row& want = expected[r];
    const Row& have = got[r];
    ASSERT_EQ(have.size(), 15u) << r;
    SCOPED_TRACE("row " + std::to_string(r) + " id " + want[0].text);
    // A date-time and a date: shown as such, and not text.
    std::string time = want[1].text.substr(0, 19);
    time[10] = ' ';
    EXPECT_EQ(have[1].text, time);
    EXPECT_FALSE(have[1].quoted);
    EXPECT_EQ(have[2].text, want[2].text);
    EXPECT_FALSE(have[2].quoted);
    for (size_t c : {0, 3, 4, 5, 6, 7, 8, 9}) {
      EXPECT_EQ(have[c].text, want[c].text) << "column " << c;
      EXPECT_TRUE(have[c].quoted || have[c].text.empty()) << "column " << c;
    }
    // The payload's fields, as their types: numbers and booleans unquoted, text quoted.
    nlohmann::json payload = nlohmann::json::parse(want[9].text);
    const char* fields[] = {"correct", "km", "mode", "note", "score"};
    for (size_t k = 0; k < 5; ++k) {
      const Cell& cell = have[10 + k];
      if (!payload.contains(fields[k])) {
        EXPECT_EQ(cell.text, "") << fields[k];
        continue;
      }
      const auto& v = payload[fields[k]];
      if (v.is_string()) {
        EXPECT_EQ(cell.text, v.get<std::string>()) << fields[k];
        EXPECT_TRUE(cell.quoted) << fields[k];
      } else if (v.is_boolean()) {
        EXPECT_EQ(cell.text, v.get<bool>() ? "TRUE" : "FALSE") << fields[k];
        EXPECT_FALSE(cell.quoted) << fields[k];
      } else {
        EXPECT_DOUBLE_EQ(std::stod(cell.text), v.get<double>()) << fields[k];
        EXPECT_FALSE(cell.quoted) << fields[k];
      }
    }
  }
  // And against the store itself: the ids in time order, the first event's local time.
  EXPECT_EQ(got[1][0].text, events[0].id);
  EXPECT_EQ(got[1][1].text, "2026-06-24 12:30:00");
  EXPECT_EQ(got[1][13].text, "光盘, \"好\"\n第二行");
  for (const auto& e : fs::directory_iterator(dir.path))
    EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
}

TEST_F(XlsxExport, ReportHasKioskAndInstitutionColumnsAndMatchesTheCsvReport) {
  auto csv = ecolobby(config, "report --month 2026-06 --csv");
  ASSERT_EQ(csv.code, 0) << csv.output;
  std::vector<Row> expected = parse_csv(csv.output);
  ASSERT_GE(expected.size(), 3u);
  EXPECT_EQ(texts(expected[0]), (std::vector<std::string>{"month", "institution_id", "institution", "kiosk", "campaign",
                                                          "department", "kind", "count"}));
  auto out = ecolobby(config, "report --month 2026-06 --out " + (dir.path / "june.xlsx").string());
  ASSERT_EQ(out.code, 0) << out.output;
  auto sheets = convert({dir.path / "june.xlsx"}, dir.path)["june"];
  ASSERT_TRUE(sheets.contains("月报"));
  const auto& got = sheets["月报"];
  ASSERT_EQ(got.size(), expected.size() + 1) << "a total row";
  EXPECT_EQ(texts(got[0]), (std::vector<std::string>{"月份", "机构编号", "机构", "屏幕", "活动", "部门", "类型", "次数"}));
  int64_t total = 0, june = 0;
  for (const auto& e : events) june += e.local_date.rfind("2026-06", 0) == 0;
  for (size_t r = 1; r < expected.size(); ++r) {
    SCOPED_TRACE("row " + std::to_string(r));
    ASSERT_EQ(got[r].size(), 8u);
    EXPECT_EQ(texts(got[r]), texts(expected[r]));
    EXPECT_FALSE(got[r][0].quoted) << "the month is a date";
    EXPECT_FALSE(got[r][7].quoted) << "the count is a number";
    EXPECT_EQ(got[r][1].text, "500231A013");
    EXPECT_EQ(got[r][2].text, "垫江县财政局");
    total += std::stoll(got[r][7].text);
  }
  EXPECT_EQ(total, june);
  EXPECT_EQ(got.back()[0].text, "合计");
  EXPECT_EQ(got.back()[7].text, std::to_string(june));
  EXPECT_FALSE(got.back()[7].quoted);
  // The kiosk "二楼, 东" is its own row.
  bool second_kiosk = false;
  for (const auto& r : got) second_kiosk |= r.size() > 3 && r[3].text == "二楼, 东";
  EXPECT_TRUE(second_kiosk);
}

TEST_F(XlsxExport, PlaysReportMatchesItsCsvWithNumbersAndATotal) {
  auto csv = ecolobby(config, "report --plays --month 2026-06 --csv");
  ASSERT_EQ(csv.code, 0) << csv.output;
  std::vector<Row> expected = parse_csv(csv.output);
  ASSERT_EQ(expected.size(), 3u) << csv.output;  // the header, the quiz, the slide (two done, one cut by an update)
  auto out = ecolobby(config, "report --plays --month 2026-06 --out " + (dir.path / "plays.xlsx").string());
  ASSERT_EQ(out.code, 0) << out.output;
  auto sheets = convert({dir.path / "plays.xlsx"}, dir.path)["plays"];
  ASSERT_TRUE(sheets.contains("播放月报"));
  const auto& got = sheets["播放月报"];
  ASSERT_EQ(got.size(), expected.size() + 1) << "a total row";
  EXPECT_EQ(texts(got[0]), (std::vector<std::string>{"月份", "机构编号", "机构", "屏幕", "活动", "场景", "内容", "播放次数",
                                                     "完整播放", "有人互动", "提前结束", "展示分钟"}));
  int64_t plays = 0;
  for (size_t r = 1; r < expected.size(); ++r) {
    SCOPED_TRACE("row " + std::to_string(r));
    ASSERT_EQ(got[r].size(), 12u);
    for (size_t c = 0; c < 11; ++c) EXPECT_EQ(got[r][c].text, expected[r][c].text) << "column " << c;
    EXPECT_NEAR(std::stod(got[r][11].text), std::stod(expected[r][11].text), 0.05);
    for (size_t c = 7; c < 12; ++c) EXPECT_FALSE(got[r][c].quoted) << "column " << c << " is a number";
    plays += std::stoll(got[r][7].text);
  }
  EXPECT_EQ(plays, 6);
  EXPECT_EQ(got.back()[0].text, "合计");
  EXPECT_EQ(got.back()[7].text, "6");
  EXPECT_EQ(got.back()[8].text, "5");
  EXPECT_EQ(got.back()[10].text, "1");
}

TEST_F(XlsxExport, AnUnwritablePlaceOrAFullDiskIsOneLineAndNoHalfFile) {
  auto missing = ecolobby(config, "export --format xlsx --out " + (dir.path / "no/such/dir/x.xlsx").string());
  EXPECT_EQ(missing.code, 1);
  EXPECT_EQ(missing.output, "ecolobby: " + (dir.path / "no/such/dir/x.xlsx").string() +
                                ": cannot write (No such file or directory)\n");
  auto no_out = ecolobby(config, "export --format xlsx");
  EXPECT_EQ(no_out.code, 2) << no_out.output;
  auto csv = ecolobby(config, "export --format csv --out " + (dir.path / "no/such/dir/x.csv").string());
  EXPECT_EQ(csv.code, 1);
  EXPECT_EQ(csv.output, "ecolobby: " + (dir.path / "no/such/dir/x.csv").string() +
                            ": cannot write (No such file or directory)\n");

  // A really full disk: a 64 KB tmpfs with all but a page taken. Mounting needs root; without it
  // this half is skipped (said in the test's output), the half above still runs.
  fs::path small = dir.path / "small";
  fs::create_directories(small);
  if (eco::testing::run_command("mount -t tmpfs -o size=64k tmpfs " + small.string() + " 2>&1").code != 0)
    GTEST_SKIP() << "cannot mount a small tmpfs (not root): the full-disk half is not run";
  struct Unmount {
    fs::path p;
    ~Unmount() { eco::testing::run_command("umount " + p.string()); }
  } unmount{small};
  fs::path target = small / "full.xlsx";
  ASSERT_EQ(replace_file(target, "the old workbook"), "");
  ASSERT_EQ(replace_file(small / "filler", std::string(56 * 1024, 'x')), "");
  for (const char* args : {"export --format xlsx --out ", "report --month 2026-06 --out "}) {
    auto full = ecolobby(config, args + target.string());
    EXPECT_EQ(full.code, 1) << full.output;
    EXPECT_EQ(full.output, "ecolobby: " + target.string() + ": cannot write (No space left on device)\n") << full.output;
    EXPECT_EQ(read(target), "the old workbook");
    for (const auto& e : fs::directory_iterator(small))
      EXPECT_EQ(e.path().filename().string().find(".tmp"), std::string::npos) << e.path();
  }
}

}  // namespace
