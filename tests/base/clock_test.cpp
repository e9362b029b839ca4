#include "base/clock.h"

#include <gtest/gtest.h>
#include <thread>

using namespace eco;
using namespace std::chrono_literals;

TEST(Clock, ManualClockOnlyMovesWhenAdvanced) {
  auto start = parse_iso8601("2026-06-24T10:00:00+08:00")->utc;
  Clock clock(start, 480, 1.0, Clock::Mode::Manual);
  EXPECT_EQ(clock.now(), start);
  std::this_thread::sleep_for(5ms);
  EXPECT_EQ(clock.now(), start);
  clock.advance(1500ms);
  EXPECT_EQ(clock.now(), start + 1500ms);
  EXPECT_EQ(clock.local_now().second, 1);
  EXPECT_EQ(clock.real_duration(1000ms), 0ms);
}

TEST(Clock, ScaledRealtimeRunsFaster) {
  auto start = parse_iso8601("2026-06-24T10:00:00+08:00")->utc;
  Clock clock(start, 480, 1000.0, Clock::Mode::Realtime);
  std::this_thread::sleep_for(20ms);
  EXPECT_GE(clock.now() - start, 20s);
  EXPECT_EQ(clock.real_duration(60s), 60ms);
}
