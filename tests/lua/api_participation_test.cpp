// participation: logging what people did and reading counts, leaderboards and streaks back.
#include <gtest/gtest.h>
#include <lua.hpp>

#include "runtime_rig.h"

using namespace eco;
using namespace eco::lua;

TEST(ApiParticipation, ParticipationRejectsUndeclaredKeysAndPersonalData) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame()
  participation.log("pledge", FIELDS)
end
return P)", "[participation]\nkeys = [\"pledge\", \"note\"]\n");
  fixture::Rig rig;
  for (auto [fields, expect] : std::vector<std::pair<std::string, std::string>>{
           {"{ pledge = 'lights' }", ""},
           {"{ name = '张三' }", "field 'name' is not in the plugin's [participation] keys"},
           {"{ note = '13812345678' }", "looks like a phone number"},
           {"{ note = '50023119900101123X' }", "looks like an ID number"},
           {"{ note = 'a@b.cn' }", "looks like an e-mail address"}}) {
    std::ofstream(f.dir / "main.lua") << "FIELDS = " << fields << "\nlocal P = {}\nfunction P.frame() participation.log('pledge', FIELDS) end\nreturn P\n";
    auto rt = rig.make(f);
    ASSERT_TRUE(rt->start());
    bool ok = rt->frame(rig.painter, FrameInput{}, 0);
    if (expect.empty()) {
      EXPECT_TRUE(ok) << rt->last_error();
    } else {
      EXPECT_FALSE(ok);
      EXPECT_NE(rt->last_error().find(expect), std::string::npos) << rt->last_error();
    }
  }
  EXPECT_EQ(rig.participation.events().size(), 1u);
}

TEST(ApiParticipation, CountsTodayLeaderboardAndStreakReadWhatWasLogged) {
  fixture::PluginFolder f("quiz", R"(
local P = {}
function P.load()
  participation.log("answer", { department = "办公室", score = 3 })
  participation.log("answer", { department = "办公室", score = 5 })
  participation.log("answer", { department = "财务科", score = 4 })
  participation.log("tap")
end
function P.frame()
  ui.text(participation.count("answer") .. " " .. participation.today("answer") .. " " .. participation.count(), 0, 0)
  local rows = {}
  for _, r in ipairs(participation.leaderboard({ kind = "answer", field = "score" })) do
    rows[#rows + 1] = r.key .. "=" .. r.value
  end
  ui.text(table.concat(rows, ","), 0, 40)
  local avg = participation.leaderboard({ kind = "answer", field = "score", average = true, n = 1 })
  ui.text(#avg .. " " .. avg[1].value, 0, 80)
  ui.text(participation.streak("answer") .. " " .. participation.streak("answer", "department", "财务科"), 0, 120)
end
return P)", "[participation]\nkeys = [\"department\", \"score\"]\n");
  fixture::Rig rig;
  // Sums by department, the best average alone (n = 1), and a streak of today only.
  EXPECT_EQ(rig.first_frame(f), (std::vector<std::string>{"3 3 4", "办公室=8.0,财务科=4.0", "1 4.0", "1 1"}));
}

namespace {
// A plugin that logs the check-ins named in the global LOG ("walk,bus") at its next frame and
// draws the answers of the windowed and grouped queries (each group table sorted: "bus=1 walk=2").
const char* kTravel = R"(
local function groups(t)
  local out = {}
  for k, v in pairs(t) do out[#out + 1] = k .. "=" .. v end
  table.sort(out)
  return table.concat(out, " ")
end
local function board(rows)
  local out = {}
  for _, r in ipairs(rows) do out[#out + 1] = r.key .. "=" .. r.value end
  return table.concat(out, ",")
end
local P = {}
function P.frame()
  for mode in (LOG or ""):gmatch("[^,]+") do
    participation.log("checkin", { mode = mode, km = #mode, department = "办公室" })
  end
  LOG = nil
  if not SHOW then return end
  ui.text(participation.today("checkin") .. " | " .. groups(participation.today("checkin", { by = "mode" })), 0, 0)
  ui.text(participation.count{ kind = "checkin", window = "week" } .. " | "
          .. groups(participation.count{ kind = "checkin", window = "week", by = "mode" }), 0, 40)
  ui.text(participation.count("checkin", { window = "month" }) .. " " .. participation.count{ kind = "checkin", days = 3 }
          .. " " .. participation.count{ kind = "checkin", days = 4 } .. " " .. participation.count("checkin", 4)
          .. " " .. participation.count("checkin") .. " " .. participation.count{ window = "today" }, 0, 80)
  ui.text(participation.count{ kind = "checkin", since = "2026-06-28" } .. " | "
          .. groups(participation.count{ kind = "checkin", since = "2026-06-28", by = "mode" }), 0, 120)
  ui.text(board(participation.leaderboard{ kind = "checkin", by = "mode", window = "week" }), 0, 160)
  ui.text(board(participation.leaderboard{ kind = "checkin", by = "mode", field = "km" }), 0, 200)
  ui.text(board(participation.leaderboard{ kind = "checkin", by = "mode", field = "km", average = true, days = 3 }), 0, 240)
  ui.text(groups(participation.today{ kind = "checkin", by = "department" }), 0, 280)
end
return P)";

void log_modes(fixture::Rig& rig, PluginRuntime& rt, const char* modes) {
  lua_pushstring(rt.state(), modes);
  lua_setglobal(rt.state(), "LOG");
  rig.frame(rt);
}
}  // namespace

// A week and a month boundary on the screen's clock: Wednesday 24 June, Sunday 28, Monday 29
// (a new ISO week), Wednesday 1 July (a new month).
TEST(ApiParticipation, WindowsAndGroupsFollowTheScreensCalendar) {
  fixture::PluginFolder f("travel", kTravel, "[participation]\nkeys = [\"mode\", \"km\", \"department\"]\n");
  fixture::Rig rig;
  auto rt = rig.started(f);
  ASSERT_TRUE(rt);
  log_modes(rig, *rt, "walk,walk,bus");
  rig.clock.advance(std::chrono::hours(24 * 4));
  log_modes(rig, *rt, "car");
  rig.clock.advance(std::chrono::hours(24));
  log_modes(rig, *rt, "walk,bike");
  rig.clock.advance(std::chrono::hours(24 * 2));
  log_modes(rig, *rt, "bus");
  lua_pushboolean(rt->state(), 1);
  lua_setglobal(rt->state(), "SHOW");
  EXPECT_EQ(rig.frame(*rt), (std::vector<std::string>{
                                "1 | bus=1",
                                "3 | bike=1 bus=1 walk=1",
                                "1 3 4 4 7 1",
                                "4 | bike=1 bus=1 car=1 walk=1",
                                "bike=1.0,bus=1.0,walk=1.0",
                                "walk=12.0,bus=6.0,bike=4.0,car=3.0",
                                "bike=4.0,walk=4.0,bus=3.0",
                                "办公室=1",
                            }));
}

TEST(ApiParticipation, MistakesInQueryOptionsAreErrorsAtThePluginsLine) {
  fixture::PluginFolder f("travel", "local P = {}\nfunction P.frame()\n  CALL()\nend\nreturn P\n",
                          "[participation]\nkeys = [\"mode\", \"km\"]\n");
  fixture::Rig rig;
  for (auto [call, expect] : std::vector<std::pair<std::string, std::string>>{
           {"participation.leaderboard{ by = 'mode', days = 7 }", ""},
           {"participation.count{ kind = 'checkin', by = 'mode', since = '2026-06-01' }", ""},
           {"participation.leaderboard{ by = 'mode', days = 7, window = 'week' }",
            "main.lua:1: participation.leaderboard: give one of window, days and since"},
           {"participation.count{ kind = 'checkin', by = 'name' }",
            "main.lua:1: participation.count: by = 'name' is not one of the plugin's [participation] keys (mode, km)"},
           {"participation.leaderboard{ kind = 'checkin' }",
            "main.lua:1: participation.leaderboard: by = 'department' is not one of the plugin's [participation] keys (mode, km)"},
           {"participation.leaderboard{ by = 'mode', field = 'co2' }", "participation.leaderboard: field = 'co2' is not one of"},
           {"participation.count{ windw = 'week' }", "main.lua:1: participation.count: unknown option 'windw' (options: kind, by, window, days, since)"},
           {"participation.count{ window = 'year' }", "option 'window' must be one of today, week, month, got year"},
           {"participation.count{ days = '7' }", "participation.count: option 'days' must be an integer, got string"},
           {"participation.count{ days = 0 }", "participation.count: days must be an integer from 1 to 36500"},
           {"participation.count{ since = '2026-13-01' }", "participation.count: since must be a date like \"2026-06-01\", got \"2026-13-01\""},
           {"participation.today('checkin', { window = 'week' })", "participation.today: unknown option 'window' (options: kind, by)"},
           {"participation.today('checkin', 7)", "participation.today: options must be a table"},
           {"participation.count('checkin', { kind = 'x' })", "participation.count: kind is given twice"},
           {"participation.leaderboard('checkin')", "participation.leaderboard: options must be a table"},
       }) {
    std::ofstream(f.dir / "main.lua") << "CALL = function() " << call << " end\nlocal P = {}\nfunction P.frame() CALL() end\nreturn P\n";
    auto rt = rig.make(f);
    ASSERT_TRUE(rt->start()) << rt->last_error();
    bool ok = rt->frame(rig.painter, FrameInput{}, 0);
    if (expect.empty()) {
      EXPECT_TRUE(ok) << call << ": " << rt->last_error();
    } else {
      EXPECT_FALSE(ok) << call;
      EXPECT_NE(rt->last_error().find(expect), std::string::npos) << call << ": " << rt->last_error();
    }
  }
}
