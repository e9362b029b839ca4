// What keeps one bad event, one noisy plugin or one unreadable file from costing the others:
// events the database refuses are set aside alone, budgets keep disk for content updates, a
// plugin's rate is capped, and a file that merely cannot be opened is never "recovered".
#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "store/database.h"
#include "store/event_rate_limit.h"
#include "store/participation_writer.h"
#include "store/privacy.h"
#include "temp_dir.h"

using namespace eco;
using namespace eco::store;
using namespace std::chrono_literals;

namespace {

Clock fixed_clock() { return Clock(parse_iso8601("2026-06-24T10:00:00+08:00")->utc, 480, 1, Clock::Mode::Manual); }

Event event(const Clock& c, int n) { return make_event(c, "kiosk-1", "quiz", "answer", nlohmann::json{{"n", n}}); }

int64_t rows(const std::filesystem::path& db) { return Connection(db.string(), false).scalar_int("SELECT count(*) FROM events"); }

TEST(WriterIsolation, OneEventThatCannotBeWrittenIsSetAsideAndTheRestCommitted) {
  fixture::TempDir dir;
  auto db = dir.path / "ecolobby.db";
  Clock clock = fixed_clock();
  std::vector<std::pair<int, bool>> acks;
  std::mutex m;
  {
    ParticipationWriter w(db);
    for (int i = 0; i < 50; ++i) {
      Event e = event(clock, i);
      if (i == 20) e.payload["choice"] = std::string("有时会").substr(0, 2);  // half a character: JSON refuses it
      ASSERT_TRUE(w.enqueue(std::move(e), [&, i](const Event&, bool ok) {
        std::lock_guard lock(m);
        acks.emplace_back(i, ok);
      }));
    }
    ASSERT_TRUE(w.flush(10s));
    // Later events are not held up by it either.
    auto later = w.enqueue_with_future(event(clock, 99));
    ASSERT_EQ(later.wait_for(5s), std::future_status::ready);
    EXPECT_TRUE(later.get());
    WriterStats s = w.stats();
    EXPECT_EQ(s.committed, 50u);
    EXPECT_EQ(s.rejected, 1u);
    EXPECT_FALSE(s.degraded);
  }
  EXPECT_EQ(rows(db), 50);
  ASSERT_EQ(acks.size(), 50u);
  for (auto [i, ok] : acks) EXPECT_EQ(ok, i != 20) << i;
}

TEST(WriterBudget, OverTheDatabaseBudgetEventsWaitInMemoryAndTheReasonIsShown) {
  fixture::TempDir dir;
  WriterOptions o;
  o.max_database_bytes = 1;  // any database is over it
  o.retry_after = 50ms;
  ParticipationWriter w(dir.path / "ecolobby.db", o);
  Clock clock = fixed_clock();
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(w.enqueue(event(clock, i)));
  EXPECT_FALSE(w.flush(500ms));
  WriterStats s = w.stats();
  EXPECT_TRUE(s.degraded);
  EXPECT_EQ(s.committed, 0u);
  EXPECT_EQ(s.queued, 10u);
  EXPECT_NE(s.last_error.find("max_db_mb"), std::string::npos) << s.last_error;
}

TEST(WriterBudget, TheDiskReserveForContentUpdatesIsNeverUsed) {
  fixture::TempDir dir;
  WriterOptions o;
  o.disk_reserve_bytes = uint64_t{1} << 60;  // more than any disk has free
  o.retry_after = 50ms;
  ParticipationWriter w(dir.path / "ecolobby.db", o);
  ASSERT_TRUE(w.enqueue(event(fixed_clock(), 1)));
  EXPECT_FALSE(w.flush(500ms));
  EXPECT_NE(w.stats().last_error.find("disk_reserve_mb"), std::string::npos) << w.stats().last_error;
}

TEST(RateLimit, APluginGetsItsRateAndNoMoreWhileOthersAreUnaffected) {
  EventRateLimit limit(60);
  TimePoint t = parse_iso8601("2026-06-24T10:00:00+08:00")->utc;
  int allowed = 0;
  for (int i = 0; i < 1000; ++i) allowed += limit.allow("noisy", t);  // one frame's burst
  EXPECT_EQ(allowed, 60);
  EXPECT_TRUE(limit.allow("quiz", t));
  EXPECT_FALSE(limit.allow("noisy", t + 500ms));
  EXPECT_TRUE(limit.allow("noisy", t + 1s));  // one a second refills
  EXPECT_EQ(limit.refused(), 941u);
  // An hour of 40 events a frame at 30 frames a second keeps about 60 a minute.
  int hour = 0;
  for (int f = 0; f < 30 * 3600; f += 30)
    for (int k = 0; k < 40; ++k) hour += limit.allow("noisy", t + 2s + std::chrono::seconds(f / 30));
  EXPECT_LE(hour, 3700);
  EXPECT_GE(hour, 3500);
}

TEST(DatabaseOpen, AFileThatCannotBeOpenedIsLeftAloneNotMovedAside) {
  fixture::TempDir dir;
  auto db = dir.path / "ecolobby.db";
  std::filesystem::create_directory(db);  // opens as nothing, for root too
  std::ofstream(db / "keep") << "records";
  EXPECT_THROW(open_database(db), SqliteError);
  EXPECT_TRUE(std::filesystem::exists(db / "keep"));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path))
    EXPECT_EQ(entry.path().filename().string().find("corrupt"), std::string::npos) << entry.path();
}

TEST(DatabaseOpen, AFileThatIsNotADatabaseIsStillRecovered) {
  fixture::TempDir dir;
  auto db = dir.path / "ecolobby.db";
  std::ofstream(db) << std::string(8192, 'x');
  OpenResult r = open_database(db);
  EXPECT_FALSE(r.recovered_from.empty());
  EXPECT_TRUE(std::filesystem::exists(r.recovered_from));
}

}  // namespace
