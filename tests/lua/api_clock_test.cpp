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
  ASSERT_TRUE(rt);
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
  EXPECT_EQ(texts[1], "Fri Jan  2 08:00:00 1970") << "Lua's default format, %c";
  EXPECT_NE(texts[2].find("os.date"), std::string::npos) << texts[2];
}

TEST(ApiClock, OsTimeReadsItsTableAndNormalisesItLikeLua) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame()
  ui.text(tostring(os.time{year = 2026, month = 6, day = 22}), 0, 0)   -- hour defaults to 12
  local t = {year = 2026, month = 13, day = 0, hour = 25, min = -1, sec = 3600}
  local s = os.time(t)
  ui.text(s .. " " .. t.year .. "-" .. t.month .. "-" .. t.day .. " " .. t.hour .. ":" .. t.min .. ":" .. t.sec
          .. " " .. t.wday .. " " .. t.yday .. " " .. tostring(t.isdst), 0, 40)
  ui.text(tostring(os.time{year = 2026, month = 6, day = 22, isdst = true} == os.time{year = 2026, month = 6, day = 22}), 0, 80)
  ui.text(select(2, pcall(function() return os.time{year = 2026, month = 6} end)), 0, 120)
  ui.text(select(2, pcall(function() return os.time{year = 2026, month = 6, day = 1.5} end)), 0, 160)
  ui.text(select(2, pcall(function() return os.time{year = 12026, month = 6, day = 1} end)), 0, 200)
  ui.text(os.date("%Y-%m-%d %H:%M", os.time{year = 2026, month = 6, day = 22, hour = 8}), 0, 240)
end
return P)");
  fixture::Rig rig;
  // 1782100800: 2026-06-22T12:00:00+08:00. Month 13 day 0 = 2026-12-31; then 25 h - 1 min +
  // 3600 s = 2027-01-01 01:59:00, a Friday. "true": a fixed UTC offset has no summer time.
  EXPECT_EQ(rig.first_frame(f),
            (std::vector<std::string>{"1782100800", "1798739940 2027-1-1 1:59:0 6 1 false", "true",
                                      "p/main.lua:10: os.time: field 'day' missing in date table",
                                      "p/main.lua:11: os.time: field 'day' is not an integer",
                                      "p/main.lua:12: os.time: the date is outside the years 1 to 9999", "2026-06-22 08:00"}));
}

TEST(ApiClock, OsDateHasEveryC99ConversionUtcAndTablesAndRefusesTheRest) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame()
  ui.text(os.date("%W %U %V %G %j %a %A %b %B %u %w %p %I %e %C %y %z %Z"), 0, 0)
  ui.text(os.date("!%H:%M %z %Z"), 0, 40)
  local t, u = os.date("*t"), os.date("!*t")
  ui.text(t.year .. t.month .. t.day .. " " .. t.hour .. " " .. t.min .. " " .. t.sec .. " " .. t.wday .. " "
          .. t.yday .. " " .. tostring(t.isdst) .. " " .. u.hour, 0, 80)
  ui.text(select(2, pcall(function() return os.date("%k") end)), 0, 120)
  ui.text(select(2, pcall(function() return os.date("%Ez") end)), 0, 160)
  ui.text(os.date("%c|%x|%X|%D|%F|%T|%R|%r|%%|%Ey|%OW", 0), 0, 200)
end
return P)");
  fixture::Rig rig;
  EXPECT_EQ(rig.first_frame(f),
            (std::vector<std::string>{
                "25 25 26 2026 175 Wed Wednesday Jun June 3 3 AM 10 24 20 26 +0800 +08", "02:00 +0000 UTC",
                "2026624 10 0 0 4 175 false 2", "p/main.lua:9: os.date: invalid conversion specifier '%k'",
                "p/main.lua:10: os.date: invalid conversion specifier '%Ez'",
                "Thu Jan  1 08:00:00 1970|01/01/70|08:00:00|01/01/70|1970-01-01|08:00:00|08:00|08:00:00 AM|%|70|00"}));
}
