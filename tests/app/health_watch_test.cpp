// The verdict on content the screen just switched to.
#include "app/health_watch.h"

#include <gtest/gtest.h>

using namespace eco;
using namespace std::chrono_literals;

namespace {
const TimePoint kSwitch{std::chrono::milliseconds{1'782'266'000'000}};
}

TEST(HealthWatch, WaitsForTheGraceDeadline) {
  HealthWatch w("/r/7", kSwitch + 20s, "", {});
  EXPECT_FALSE(w.verdict(kSwitch));
  EXPECT_FALSE(w.verdict(kSwitch + 19s));
  auto v = w.verdict(kSwitch + 20s);
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->ok);
  EXPECT_EQ(v->dir, "/r/7");
  EXPECT_EQ(v->error, "");
}

TEST(HealthWatch, WaitsPastTheDeadlineUntilEverySlotDrewAFrame) {
  HealthWatch w("/r/7", kSwitch + 20s, "", {0, 2});
  w.drew(0);
  EXPECT_FALSE(w.verdict(kSwitch + 60s)) << "slot 2 has not shown yet";
  w.drew(1);  // not among the slots watched: changes nothing
  EXPECT_FALSE(w.verdict(kSwitch + 60s));
  w.drew(2);
  auto v = w.verdict(kSwitch + 60s);
  ASSERT_TRUE(v);
  EXPECT_TRUE(v->ok);
}

TEST(HealthWatch, AFailureDecidesAtOnceAndTheFirstOneIsKept) {
  HealthWatch w("/r/7", kSwitch + 20s, "", {0, 1});
  w.failed("quiz: main.lua:4: attempt to index a nil value");
  w.failed("ticker: later failure");
  auto v = w.verdict(kSwitch + 1s);
  ASSERT_TRUE(v) << "no need to wait for the deadline or the other slots";
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->error, "quiz: main.lua:4: attempt to index a nil value");
}

TEST(HealthWatch, AFailureKnownAtLoadIsTheVerdict) {
  HealthWatch w("/r/8", kSwitch + 20s, "schedule.toml:3: unknown scene", {0});
  w.failed("a later failure");
  auto v = w.verdict(kSwitch);
  ASSERT_TRUE(v);
  EXPECT_FALSE(v->ok);
  EXPECT_EQ(v->dir, "/r/8");
  EXPECT_EQ(v->error, "schedule.toml:3: unknown scene");
}
