#include "base/daily_window.h"

#include <gtest/gtest.h>

using namespace eco;

TEST(DailyWindow, PlainAndWrappingWindows) {
  auto day = parse_daily_window("11:00-13:30");
  ASSERT_TRUE(day);
  EXPECT_TRUE(day->contains(11 * 60));
  EXPECT_TRUE(day->contains(13 * 60 + 29));
  EXPECT_FALSE(day->contains(13 * 60 + 30));
  auto night = parse_daily_window("20:00-07:00");
  ASSERT_TRUE(night);
  EXPECT_TRUE(night->contains(23 * 60));
  EXPECT_TRUE(night->contains(6 * 60 + 59));
  EXPECT_FALSE(night->contains(7 * 60));
  EXPECT_EQ(night->minutes_until_change(19 * 60), 60);
  EXPECT_EQ(night->minutes_until_change(6 * 60), 60);
  EXPECT_EQ(night->to_string(), "20:00-07:00");
}

TEST(DailyWindow, RejectsGarbage) {
  for (const char* bad : {"", "8-9", "25:00-26:00", "08:00", "aa:bb-cc:dd", "08:0-09:00"})
    EXPECT_FALSE(parse_daily_window(bad)) << bad;
}
