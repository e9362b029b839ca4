// Proof of play in the store: through the writer beside events, compact rows and the daily
// rollup, the month's report, the export, and retention.
#include <filesystem>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "base/iso8601.h"
#include "store/database.h"
#include "store/participation_writer.h"
#include "store/play_report.h"
#include "store/retention.h"
#include "temp_dir.h"

using namespace eco;
using namespace eco::store;
using namespace std::chrono_literals;

namespace {

const int64_t kJune24 = days_from_civil(2026, 6, 24);
// 10:00 +08:00 on 2026-06-24, in UTC milliseconds.
const int64_t kMorning = (kJune24 * 86400 + 2 * 3600) * 1000;

Play play(std::string item, std::string campaign, int64_t start_ms, int64_t shown_ms, PlayEnding ending,
          int64_t day = kJune24) {
  Play p;
  p.start_ms = start_ms;
  p.day = day;
  p.shown_ms = shown_ms;
  p.ending = ending;
  p.kiosk = "lobby-1";
  p.content_version = "2026.06.1";
  p.scene = campaign.empty() ? "slide" : "plugin";
  p.item = std::move(item);
  p.campaign = std::move(campaign);
  return p;
}

}  // namespace

TEST(PlayEnding, NamesRoundTrip) {
  for (PlayEnding e : {PlayEnding::Done, PlayEnding::Touched, PlayEnding::Update, PlayEnding::Failed,
                       PlayEnding::DisplayOff, PlayEnding::Stopped})
    EXPECT_EQ(ending_from_name(ending_name(e)), e) << ending_name(e);
  EXPECT_FALSE(ending_from_name("finished"));
}

TEST(Plays, GoThroughTheWriterBesideEventsAndAreCountedApart) {
  fixture::TempDir dir;
  auto db = dir.path / "ecolobby.db";
  {
    ParticipationWriter w(db);
    Clock clock(TimePoint{std::chrono::milliseconds{kMorning}}, 480, 1, Clock::Mode::Manual);
    ASSERT_TRUE(w.enqueue(make_event(clock, "lobby-1", "quiz", "answer", {{"score", 3}})));
    for (int i = 0; i < 10; ++i)
      ASSERT_TRUE(w.enqueue(play("quiz", "energy_week", kMorning + i * 20'000, 20'000, PlayEnding::Done)));
    ASSERT_TRUE(w.enqueue(play("夏季空调不低于26℃", "", kMorning + 200'000, 4'500, PlayEnding::Update)));
    ASSERT_TRUE(w.flush(5s));
    WriterStats s = w.stats();
    EXPECT_EQ(s.committed, 1u);  // the participation figures do not count plays
    EXPECT_EQ(s.plays_committed, 11u);
  }
  Connection c(db.string(), false);
  EXPECT_EQ(c.scalar_int("SELECT count(*) FROM events"), 1);
  EXPECT_EQ(c.scalar_int("SELECT count(*) FROM plays"), 11);
  EXPECT_EQ(c.scalar_int("SELECT count(*) FROM play_items"), 2) << "a description is stored once";
  EXPECT_EQ(c.scalar_int("SELECT n FROM daily_plays d JOIN play_items i ON i.id = d.item WHERE i.item = 'quiz'"), 10);
  EXPECT_EQ(c.scalar_int("SELECT shown_ms FROM daily_plays d JOIN play_items i ON i.id = d.item WHERE i.item = 'quiz'"), 200'000);
}

TEST(Plays, MonthReportCountsCompletedTouchedAndCutShortFromTheRollup) {
  fixture::TempDir dir;
  Connection c = open_database(dir.path / "ecolobby.db").connection;
  {
    Transaction t(c);
    for (int i = 0; i < 5; ++i) insert_play(c, play("quiz", "energy_week", kMorning + i, 20'000, PlayEnding::Done));
    insert_play(c, play("quiz", "energy_week", kMorning + 10, 95'000, PlayEnding::Touched));
    insert_play(c, play("quiz", "energy_week", kMorning + 11, 3'000, PlayEnding::Update));
    insert_play(c, play("quiz", "energy_week", kMorning + 12, 1'000, PlayEnding::DisplayOff));
    insert_play(c, play("quiz", "energy_week", kMorning, 20'000, PlayEnding::Done, days_from_civil(2026, 7, 1)));  // July
    insert_play(c, play("夏季空调不低于26℃", "", kMorning + 13, 30'000, PlayEnding::Done));
    t.commit();
  }
  auto rows = monthly_play_rows(c, 2026, 6);
  ASSERT_EQ(rows.size(), 2u);
  const PlayReportRow& quiz = rows[1].item == "quiz" ? rows[1] : rows[0];
  EXPECT_EQ(quiz.campaign, "energy_week");
  EXPECT_EQ(quiz.plays, 8);
  EXPECT_EQ(quiz.completed, 5);
  EXPECT_EQ(quiz.touched, 1);
  EXPECT_EQ(quiz.cut_short, 2);
  EXPECT_EQ(quiz.shown_ms, 5 * 20'000 + 95'000 + 3'000 + 1'000);

  std::ostringstream csv;
  monthly_play_report(c, 2026, 6, {"500228-001", "垫江县财政局"}, true, csv);
  std::string text = csv.str();
  EXPECT_EQ(text.rfind("\xEF\xBB\xBFmonth,institution_id,institution,kiosk,campaign,scene,item,plays,completed,touched,cut_short,minutes_shown\r\n", 0), 0u) << text;
  EXPECT_NE(text.find("2026-06,500228-001,垫江县财政局,lobby-1,energy_week,plugin,quiz,8,5,1,2,3.3\r\n"), std::string::npos) << text;
  std::ostringstream table;
  monthly_play_report(c, 2026, 6, {"500228-001", "垫江县财政局"}, false, table);
  EXPECT_NE(table.str().find("合计 / total"), std::string::npos);
  EXPECT_NE(table.str().find(" 9 "), std::string::npos) << "June's nine plays in the total: " << table.str();
}

TEST(Plays, ExportListsEveryShowingWithLocalTimesAndFiltersByCampaign) {
  fixture::TempDir dir;
  Connection c = open_database(dir.path / "ecolobby.db").connection;
  {
    Transaction t(c);
    insert_play(c, play("quiz", "energy_week", kMorning, 20'500, PlayEnding::Done));
    insert_play(c, play("a,\"b\"", "", kMorning + 20'500, 7'000, PlayEnding::Stopped));
    t.commit();
  }
  std::ostringstream json;
  EXPECT_EQ(export_plays(c, {}, ExportFormat::Json, json, 480), 2);
  std::istringstream lines(json.str());
  std::string first, second;
  std::getline(lines, first);
  std::getline(lines, second);
  auto a = nlohmann::json::parse(first), b = nlohmann::json::parse(second);
  EXPECT_EQ(a["start"], "2026-06-24T10:00:00+08:00");
  EXPECT_EQ(a["date"], "2026-06-24");
  EXPECT_EQ(a["item"], "quiz");
  EXPECT_EQ(a["campaign"], "energy_week");
  EXPECT_DOUBLE_EQ(a["seconds_shown"].get<double>(), 20.5);
  EXPECT_EQ(a["ending"], "done");
  EXPECT_EQ(b["ending"], "stopped");
  EXPECT_EQ(b["content_version"], "2026.06.1");

  std::ostringstream csv;
  ExportFilter only;
  only.campaign = "energy_week";
  EXPECT_EQ(export_plays(c, only, ExportFormat::Csv, csv, 480), 1);
  EXPECT_EQ(csv.str().find("a,"), std::string::npos);
  std::ostringstream all;
  export_plays(c, {}, ExportFormat::Csv, all, 480);
  EXPECT_NE(all.str().find(",\"a,\"\"b\"\"\","), std::string::npos) << all.str();
}

TEST(Plays, RetentionPrunesShowingsButKeepsTheDailyRollup) {
  fixture::TempDir dir;
  Connection c = open_database(dir.path / "ecolobby.db").connection;
  int64_t old_day = kJune24 - 800;
  {
    Transaction t(c);
    insert_play(c, play("quiz", "energy_week", kMorning - 800LL * 86'400'000, 20'000, PlayEnding::Done, old_day));
    insert_play(c, play("quiz", "energy_week", kMorning, 20'000, PlayEnding::Done));
    t.commit();
  }
  prune_events(c, kJune24, 730, true);
  EXPECT_EQ(c.scalar_int("SELECT count(*) FROM plays"), 1);
  EXPECT_EQ(c.scalar_int("SELECT count(*) FROM daily_plays"), 2) << "the rollup is what old reports read";
  std::string date = format_date(old_day);  // "2024-…"
  auto rows = monthly_play_rows(c, std::stoi(date.substr(0, 4)), std::stoi(date.substr(5, 2)));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].plays, 1);
}
