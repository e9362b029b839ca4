#include "store/participation_writer.h"

#include <sys/resource.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "store/database.h"
#include "store/privacy.h"
#include "temp_dir.h"

using namespace eco;
using namespace eco::store;
using namespace std::chrono_literals;

namespace {
Clock fixed_clock() { return Clock(parse_iso8601("2026-06-24T10:00:00+08:00")->utc, 480, 1, Clock::Mode::Manual); }
Event event(const Clock& c, int n, std::string payload_note = "") {
  nlohmann::json p = {{"n", n}};
  if (!payload_note.empty()) p["note"] = payload_note;
  return make_event(c, "kiosk-1", "quiz", "answer", p);
}
int64_t rows(const std::filesystem::path& db) { return Connection(db.string(), false).scalar_int("SELECT count(*) FROM events"); }
}  // namespace

TEST(Writer, CommitsAndAcknowledgesEveryEvent) {
  fixture::TempDir dir;
  auto db = dir.path / "ecolobby.db";
  Clock clock = fixed_clock();
  std::atomic<int> acked{0};
  {
    ParticipationWriter w(db);
    for (int i = 0; i < 1000; ++i) ASSERT_TRUE(w.enqueue(event(clock, i), [&](const Event&, bool ok) { acked += ok; }));
    auto f = w.enqueue_with_future(event(clock, 1000));
    ASSERT_EQ(f.wait_for(5s), std::future_status::ready);
    EXPECT_TRUE(f.get());
    ASSERT_TRUE(w.flush(5s));
    EXPECT_EQ(w.stats().committed, 1001u);
  }
  EXPECT_EQ(acked, 1000);
  EXPECT_EQ(rows(db), 1001);
}

// Voluntary context switches of every thread but the calling one: how often they woke.
long other_threads_wakeups() {
  long total = 0;
  std::string self = std::to_string(gettid());
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    if (task.path().filename() == self) continue;
    std::ifstream status(task.path() / "status");
    for (std::string line; std::getline(status, line);)
      if (line.rfind("voluntary_ctxt_switches:", 0) == 0) total += std::stol(line.substr(24));
  }
  return total;
}

TEST(Writer, AnIdleWriterSleepsAndStillCommitsTheNextEventPromptly) {
  fixture::TempDir dir;
  Clock clock = fixed_clock();
  ParticipationWriter w(dir.path / "ecolobby.db");
  ASSERT_TRUE(w.flush(5s));  // opened, maintained once, now idle
  long before = other_threads_wakeups();
  std::this_thread::sleep_for(1s);
  EXPECT_LE(other_threads_wakeups() - before, 3) << "an idle writer woke up (it used to, every 20 ms)";
  auto start = std::chrono::steady_clock::now();
  auto f = w.enqueue_with_future(event(clock, 1));
  ASSERT_EQ(f.wait_for(5s), std::future_status::ready);
  EXPECT_TRUE(f.get());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 2s) << "the first event after a quiet spell waited";
  ASSERT_TRUE(w.flush(1s)) << "flush returns once the queue is empty, without another event to wake it";
}

// flush() writes now instead of waiting out the batch interval (plugin test commits on demand).
TEST(Writer, FlushDoesNotWaitForTheBatchInterval) {
  fixture::TempDir dir;
  auto db = dir.path / "ecolobby.db";
  Clock clock = fixed_clock();
  WriterOptions options;
  options.batch_interval = std::chrono::hours(1);
  ParticipationWriter w(db, options);
  ASSERT_TRUE(w.enqueue(event(clock, 1)));
  ASSERT_TRUE(w.flush(10s)) << "flush waited for the hour-long batch interval";
  EXPECT_EQ(rows(db), 1);
}

TEST(Writer, RetriedEventIsStoredOnce) {
  fixture::TempDir dir;
  auto db = dir.path / "ecolobby.db";
  Clock clock = fixed_clock();
  Event e = event(clock, 1);
  {
    ParticipationWriter w(db);
    w.enqueue(e);
    w.enqueue(e);  // the same id again, e.g. after a caller timed out and retried
    Event scored = event(clock, 2);
    scored.payload["score"] = 4;
    w.enqueue(scored);
    ASSERT_TRUE(w.flush(5s));
  }
  EXPECT_EQ(rows(db), 2);
  Connection c(db.string(), false);
  EXPECT_EQ(c.scalar_int("SELECT total(n) FROM daily"), 2) << "the daily rollup counts each event once";
  EXPECT_EQ(c.scalar_int("SELECT total(score_sum) FROM daily"), 4);
}

// The grouped rollup the writer keeps row by row is the one rebuilt from the events at once
// (migration 4, rebuild_daily): the same SQL expressions on both sides.
TEST(Writer, TheGroupedRollupKeptPerEventEqualsOneRebuiltFromTheEvents) {
  fixture::TempDir dir;
  auto db = dir.path / "ecolobby.db";
  Clock clock = fixed_clock();
  const char* modes[] = {"walk", "bus", "car"};
  {
    ParticipationWriter w(db);
    for (int i = 0; i < 60; ++i) {
      Event e = event(clock, i % 4);
      e.payload["mode"] = modes[i % 3];
      e.payload["km"] = i % 5 == 0 ? nlohmann::json(2.5) : nlohmann::json(i % 7);
      e.payload["ok"] = i % 2 == 0;
      if (i % 6 == 0) e.payload.erase("km");
      w.enqueue(e);
      if (i == 30) w.enqueue(e);  // a retry is counted once
      if (i % 20 == 19) clock.advance(std::chrono::hours(24));
    }
    ASSERT_TRUE(w.flush(5s));
  }
  Connection c(db.string(), true);
  auto dump = [&] {
    std::string out;
    Statement s = c.prepare("SELECT plugin, kind, group_key, field, day, group_value, n, total FROM daily_groups ORDER BY 1, 2, 3, 4, 5, 6");
    while (s.step())
      for (int i = 0; i < 8; ++i) out += s.column_text(i) + (i == 7 ? "\n" : " ");
    return out;
  };
  std::string kept = dump();
  EXPECT_NE(kept.find("quiz answer mode km"), std::string::npos) << kept;
  EXPECT_NE(kept.find("quiz answer ok  "), std::string::npos) << kept;
  rebuild_daily(c);
  EXPECT_EQ(dump(), kept);
}

TEST(Writer, EnqueueNeverWaitsForTheDisk) {
  fixture::TempDir dir;
  Clock clock = fixed_clock();
  ParticipationWriter w(dir.path / "ecolobby.db");
  std::vector<double> us;
  for (int i = 0; i < 5000; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    w.enqueue(event(clock, i));
    us.push_back(std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(us.begin(), us.end());
  // Printed, not asserted: a figure for docs/perf.md.
  std::printf("enqueue p50 %.2f us, p99 %.2f us\n", us[us.size() / 2], us[us.size() * 99 / 100]);
  EXPECT_TRUE(w.flush(10s));
}

TEST(Writer, FullDiskHoldsEventsInMemoryAndWritesThemWhenSpaceReturns) {
  fixture::TempDir dir;
  auto db = dir.path / "ecolobby.db";
  Clock clock = fixed_clock();
  std::signal(SIGXFSZ, SIG_IGN);
  rlimit original{};
  getrlimit(RLIMIT_FSIZE, &original);
  WriterOptions options;
  options.retry_after = 100ms;
  options.queue_capacity = 3000;
  ParticipationWriter w(db, options);
  w.enqueue(event(clock, 0));
  ASSERT_TRUE(w.flush(5s));
  // "The disk is full": no file of this process may grow past its current size.
  auto limit = std::filesystem::file_size(db.string() + "-wal") + 4096;
  rlimit tight{limit, original.rlim_max};
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &tight), 0);
  int accepted = 0;
  for (int i = 1; i <= 4000; ++i) accepted += w.enqueue(event(clock, i, std::string(150, 'x')));
  // Until the writer has met the full disk (not a fixed sleep: on a loaded machine its first
  // attempt may come late), and a retry or two after it.
  WriterStats during = w.stats();
  for (auto deadline = std::chrono::steady_clock::now() + 60s;
       !during.degraded && std::chrono::steady_clock::now() < deadline; during = w.stats())
    std::this_thread::sleep_for(20ms);
  std::this_thread::sleep_for(2 * options.retry_after);
  during = w.stats();
  setrlimit(RLIMIT_FSIZE, &original);  // space returns
  EXPECT_TRUE(during.degraded) << during.last_error;
  EXPECT_GT(during.queued, 0u);
  EXPECT_GT(during.dropped, 0u) << "the bounded queue refuses the newest once full";
  EXPECT_EQ(during.dropped, static_cast<uint64_t>(4000 - accepted));
  ASSERT_TRUE(w.flush(10s));
  EXPECT_FALSE(w.stats().degraded);
  EXPECT_EQ(rows(db), 1 + accepted);
}

TEST(Writer, WaitsOutAnotherProcessHoldingTheLock) {
  fixture::TempDir dir;
  auto db = dir.path / "ecolobby.db";
  open_database(db);
  Clock clock = fixed_clock();
  Connection other(db.string(), false);
  other.exec("BEGIN EXCLUSIVE");
  ParticipationWriter w(db);
  w.enqueue(event(clock, 1));
  std::this_thread::sleep_for(300ms);
  EXPECT_EQ(w.stats().committed, 0u);
  other.exec("COMMIT");
  ASSERT_TRUE(w.flush(10s));
  EXPECT_EQ(rows(db), 1);
}

// One bad event costs only itself, and the database budget keeps disk for content updates.
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
