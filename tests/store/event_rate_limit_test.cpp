#include "store/event_rate_limit.h"

#include <gtest/gtest.h>

#include "base/iso8601.h"

using namespace eco;
using namespace eco::store;
using namespace std::chrono_literals;

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
