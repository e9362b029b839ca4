// clock.now/today/seconds and os.time/date/clock: the kiosk clock, never the system one.
#include <gtest/gtest.h>

#include "runtime_rig.h"

using namespace eco;
using namespace eco::lua;

TEST(ApiClock, NowTodayAndOsTimeAreTheKioskClock) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame()
  local n = clock.now()
  ui.text(n.date .. " " .. n.hour .. ":" .. n.minute .. ":" .. n.second .. " " .. n.weekday, 0, 0)
  ui.text(clock.today() .. " " .. os.time() .. " " .. n.epoch, 0, 40)
  ui.text(os.date("%Y/%m/%d %H:%M"), 0, 80)
  ui.text(string.format("%.1f", clock.seconds() - os.clock()), 0, 120)
end
return P)");
  fixture::Rig rig;
  auto rt = rig.started(f);
  EXPECT_EQ(rig.frame(*rt), (std::vector<std::string>{"2026-06-24 10:0:0 3", "2026-06-24 1782266400 1782266400",
                                                      "2026/06/24 10:00", "0.0"}));
  rig.clock.advance(std::chrono::hours(14) + std::chrono::minutes(30));  // past local midnight
  auto texts = rig.frame(*rt);
  ASSERT_EQ(texts.size(), 4u);
  EXPECT_EQ(texts[0], "2026-06-25 0:30:0 4");
  EXPECT_EQ(texts[2], "2026/06/25 00:30");
}

TEST(ApiClock, OsDateReadsAGivenTimeAndRefusesOneOutsideTheCalendar) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame()
  local t = os.date("*t", 0)
  ui.text(t.year .. "-" .. t.month .. "-" .. t.day .. " " .. t.hour, 0, 0)
  ui.text(os.date(nil, 86400), 0, 40)
  ui.text(select(2, pcall(os.date, "%Y", 1e15)), 0, 80)
end
return P)");
  fixture::Rig rig;
  auto texts = rig.first_frame(f);
  ASSERT_EQ(texts.size(), 3u);
  EXPECT_EQ(texts[0], "1970-1-1 8");  // the kiosk's UTC+8
  EXPECT_EQ(texts[1], "1970-01-02 08:00:00");
  EXPECT_NE(texts[2].find("os.date"), std::string::npos) << texts[2];
}
