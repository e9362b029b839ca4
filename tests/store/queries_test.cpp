#include "store/queries.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store/database.h"
#include "store/key_value.h"
#include "temp_dir.h"

using namespace eco;
using namespace eco::store;

namespace {
void add(Connection& c, const std::string& id, int64_t day, const std::string& plugin, const std::string& kind,
         const std::string& dept, const std::string& payload) {
  Statement s = c.prepare("INSERT INTO events(id, ts_ms, day, local_date, kiosk, plugin, campaign, kind, department, payload) "
                          "VALUES(?, ?, ?, 'd', 'k', ?, ?, ?, ?, ?)");
  s.bind(1, id).bind(2, day * 86400000).bind(3, day).bind(4, plugin).bind(5, plugin).bind(6, kind);
  if (dept.empty()) s.bind_null(7);
  else s.bind(7, dept);
  // As make_event does, the department is also a payload field (what grouping reads).
  auto fields = nlohmann::json::parse(payload);
  if (!dept.empty()) fields["department"] = dept;
  s.bind(8, fields.dump());
  s.step();
}
}  // namespace

TEST(Queries, CountsLeaderboardsAndStreaks) {
  fixture::TempDir dir;
  Connection c = open_database(dir.path / "ecolobby.db").connection;
  int64_t today = 20630;
  add(c, "a", today, "quiz", "finish", "财务科", R"({"score":5})");
  add(c, "b", today, "quiz", "finish", "财务科", R"({"score":3})");
  add(c, "c", today, "quiz", "finish", "办公室", R"({"score":5})");
  add(c, "d", today - 1, "quiz", "answer", "办公室", R"({"score":1})");
  add(c, "e", today - 1, "plate", "checkin", "办公室", "{}");
  add(c, "f", today - 2, "plate", "checkin", "办公室", "{}");
  add(c, "g", today - 4, "plate", "checkin", "办公室", "{}");  // a gap on today-3
  add(c, "h", today, "plate", "checkin", "财务科", "{}");
  rebuild_daily(c);
  Queries q(c);
  EXPECT_EQ(q.count_on("quiz", "finish", today), 3);
  EXPECT_EQ(q.count("quiz", "", {today - 1, today}), 4);
  EXPECT_EQ(q.count("quiz", "answer", {today, today}), 0);
  auto avg = q.leaderboard("quiz", "finish", "department", "score", true, 10);
  ASSERT_EQ(avg.size(), 2u);
  EXPECT_EQ(avg[0].group, "办公室");
  EXPECT_DOUBLE_EQ(avg[0].value, 5);
  EXPECT_DOUBLE_EQ(avg[1].value, 4);
  auto counts = q.leaderboard("plate", "checkin", "department", "", false, 1);
  ASSERT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts[0].group, "办公室");
  EXPECT_DOUBLE_EQ(counts[0].value, 3);
  // 办公室: yesterday and the day before, then a gap; today has not started for them yet.
  EXPECT_EQ(q.streak("plate", "checkin", "department", "办公室", today), 2);
  EXPECT_EQ(q.streak("plate", "checkin", "department", "财务科", today), 1);
  EXPECT_EQ(q.streak("plate", "checkin", "", "", today), 3);
  auto days = q.per_day("plate", "", today - 4, today);
  ASSERT_EQ(days.size(), 4u);
  EXPECT_EQ(days.front().first, today - 4);
  EXPECT_TRUE(q.leaderboard("quiz", "", "department", "score'); DROP TABLE events; --", false, 5).empty());
  EXPECT_EQ(c.scalar_int("SELECT count(*) FROM events"), 8) << "field names are bound, never pasted into SQL";
}

// Windows are day ranges; groups are any plain payload field; averages divide by the events that
// have the field. Everything from the two rollups.
TEST(Queries, WindowsAndGroupsOfAPayloadField) {
  fixture::TempDir dir;
  Connection c = open_database(dir.path / "ecolobby.db").connection;
  int64_t today = 20630;
  add(c, "a", today, "travel", "checkin", "财务科", R"({"mode":"walk","km":2})");
  add(c, "b", today, "travel", "checkin", "办公室", R"({"mode":"walk","km":4})");
  add(c, "c", today, "travel", "checkin", "办公室", R"({"mode":"bus"})");
  add(c, "d", today - 3, "travel", "checkin", "办公室", R"({"mode":"bus","km":12})");
  add(c, "e", today - 40, "travel", "checkin", "", R"({"mode":"car","km":30})");
  add(c, "f", today, "travel", "other", "", R"({"mode":"walk"})");
  rebuild_daily(c);
  Queries q(c);
  EXPECT_EQ(q.count("travel", "checkin", {}), 5);
  EXPECT_EQ(q.count("travel", "checkin", {today - 6, today}), 4);
  auto by_mode = [&](DayRange days, const std::string& field = "", bool average = false, const std::string& kind = "checkin") {
    std::string out;
    for (const auto& g : q.leaderboard("travel", kind, "mode", field, average, -1, days))
      out += g.group + "=" + std::to_string(static_cast<int>(g.value * 10)) + " ";
    return out;
  };
  EXPECT_EQ(by_mode({today, today}), "walk=20 bus=10 ");
  EXPECT_EQ(by_mode({today - 6, today}), "bus=20 walk=20 ");
  EXPECT_EQ(by_mode({}), "bus=20 walk=20 car=10 ");
  EXPECT_EQ(by_mode({}, "", false, ""), "walk=30 bus=20 car=10 ") << "every kind";
  EXPECT_EQ(by_mode({}, "km"), "car=300 bus=120 walk=60 ");
  EXPECT_EQ(by_mode({today, today}, "km", true), "walk=30 ") << "the bus trip without km is not an average of 0";
  auto depts = q.leaderboard("travel", "checkin", "department", "", false, 10, {today - 6, today});
  ASSERT_EQ(depts.size(), 2u);
  EXPECT_EQ(depts[0].group, "办公室");
  EXPECT_DOUBLE_EQ(depts[0].value, 3);
  EXPECT_EQ(q.streak("travel", "checkin", "mode", "walk", today), 1);
}

TEST(KeyValue, PerPluginCapAndCache) {
  fixture::TempDir dir;
  Connection c = open_database(dir.path / "ecolobby.db").connection;
  PluginKeyValue kv(c, 100);
  kv.set("quiz", "best", "42");
  kv.set("quiz", "best", "43");  // overwrite does not double-count
  EXPECT_EQ(kv.get("quiz", "best"), "43");
  EXPECT_FALSE(kv.get("plate", "best"));
  EXPECT_THROW(kv.set("quiz", "big", std::string(200, 'x')), std::length_error);
  kv.set("plate", "big", std::string(90, 'x'));  // another plugin has its own budget
  kv.remove("quiz", "best");
  EXPECT_FALSE(kv.get("quiz", "best"));
  Cache cache(c);
  cache.put("feed:last_good", "{\"a\":1}", 5);
  cache.put("feed:last_good", "{\"a\":2}", 6);
  EXPECT_EQ(cache.get("feed:last_good"), "{\"a\":2}");
  EXPECT_FALSE(cache.get("missing"));
}

#include "store/retention.h"

TEST(Retention, PrunesOldEventsButNeverUnexportedOnesUnlessForced) {
  fixture::TempDir dir;
  Connection c = open_database(dir.path / "ecolobby.db").connection;
  int64_t today = 20630;
  add(c, "old", today - 800, "quiz", "answer", "", "{}");
  add(c, "recent", today - 10, "quiz", "answer", "", "{}");
  EXPECT_EQ(prune_events(c, today, 730, false), 0) << "never exported: keep everything";
  // An export 5 days ago covers the old event.
  int64_t export_ms = (today - 5) * 86400000LL;
  c.exec("INSERT INTO meta(key, value) VALUES('last_export_ms', '" + std::to_string(export_ms) + "')");
  EXPECT_EQ(prune_events(c, today, 730, false), 1);
  EXPECT_EQ(c.scalar_int("SELECT count(*) FROM events"), 1);
  add(c, "old2", today - 900, "quiz", "answer", "", "{}");
  c.exec("DELETE FROM meta");
  EXPECT_EQ(prune_events(c, today, 730, true), 1) << "--force ignores the export marker";
}
