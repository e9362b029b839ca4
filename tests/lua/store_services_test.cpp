// The SQLite-backed participation service: counts, and counts per group, include the events the
// writer has not committed yet, so a tally drawn right after a tap already shows it.
#include "lua/store_services.h"

#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>

#include <gtest/gtest.h>
#include <unistd.h>

#include "store/database.h"

using namespace eco;
using namespace eco::lua;

TEST(SqliteParticipation, CountsAndGroupTalliesIncludeEventsNotYetCommitted) {
  auto dir = std::filesystem::temp_directory_path() / ("ecolobby-services-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto db = store::database_path(dir);
  store::open_database(db);
  Clock clock{parse_iso8601("2026-06-24T10:00:00+08:00")->utc, 480, 1, Clock::Mode::Manual};
  {
    // Another connection holds the write lock: nothing the writer is given can commit yet.
    store::Connection other(db.string(), false);
    other.exec("BEGIN EXCLUSIVE");
    store::ParticipationWriter writer(db);
    SqliteParticipation p(clock, writer, db, "kiosk-1", {});
    const std::vector<std::string> keys = {"mode", "km"};
    p.log("travel", "checkin", {{"mode", "walk"}, {"km", 2}}, keys);
    p.log("travel", "checkin", {{"mode", "walk"}, {"km", 3}}, keys);
    p.log("travel", "checkin", {{"mode", "bus"}}, keys);
    int64_t today = clock.local_now().day_number();
    EXPECT_EQ(writer.stats().committed, 0u);
    EXPECT_EQ(p.count("travel", "checkin", {today, today}), 3);
    auto rows = p.leaderboard("travel", "checkin", "mode", "", false, -1, {today, today});
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0].key, "walk");
    EXPECT_DOUBLE_EQ(rows[0].value, 2);
    EXPECT_EQ(rows[1].key, "bus");
    EXPECT_DOUBLE_EQ(rows[1].value, 1);
    EXPECT_EQ(p.leaderboard("travel", "checkin", "mode", "", false, 1, {today, today}).size(), 1u);
    EXPECT_TRUE(p.leaderboard("travel", "checkin", "mode", "", false, -1, {today + 1, today + 1}).empty());
    EXPECT_TRUE(p.saved_by_plugin().empty()) << "/metrics counts what is committed, not what waits";
    other.exec("COMMIT");
    EXPECT_TRUE(writer.flush(std::chrono::seconds(10)));
    p.log("travel", "view", nlohmann::json::object(), keys);
    EXPECT_TRUE(writer.flush(std::chrono::seconds(10)));
    // Counted by the commit callbacks, which run just after flush() sees the queue empty.
    using Counts = std::map<std::string, std::map<std::string, uint64_t>>;
    const Counts expected{{"travel", {{"checkin", 3}, {"view", 1}}}};
    for (int i = 0; i < 1000 && p.saved_by_plugin() != expected; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(p.saved_by_plugin(), expected);
  }
  std::filesystem::remove_all(dir);
}
