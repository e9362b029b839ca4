// When screens ask latest.json: spread ± 20 % around interval_s, the same for one screen, different
// across screens, and backed off (doubling, capped) after failed checks.
#include "update/poll_schedule.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

using namespace eco::update;
using std::chrono::milliseconds;
using std::chrono::seconds;

namespace {
double ms(milliseconds d) { return static_cast<double>(d.count()); }
}  // namespace

TEST(PollSchedule, EveryWaitIsWithinTwentyPercentOfTheInterval) {
  for (const char* id : {"lobby-1", "lobby-2", "财务科大厅", ""}) {
    uint64_t seed = poll_seed(id);
    double lo = 1e18, hi = 0, sum = 0;
    for (uint64_t n = 0; n < 2000; ++n) {
      double d = ms(poll_delay(seconds(300), seed, n, 0));
      lo = std::min(lo, d);
      hi = std::max(hi, d);
      sum += d;
    }
    EXPECT_GE(lo, 240'000) << id;
    EXPECT_LE(hi, 360'000) << id;
    // Spread over the whole band, not stuck at one point of it.
    EXPECT_LT(lo, 246'000) << id;
    EXPECT_GT(hi, 354'000) << id;
    EXPECT_NEAR(sum / 2000, 300'000, 6'000) << id;
  }
}

TEST(PollSchedule, DeterministicPerScreenAndDifferentAcrossScreens) {
  EXPECT_EQ(poll_seed("lobby-1"), poll_seed("lobby-1"));
  EXPECT_NE(poll_seed("lobby-1"), poll_seed("lobby-2"));
  std::vector<milliseconds> a, again, b;
  for (uint64_t n = 0; n < 50; ++n) {
    a.push_back(poll_delay(seconds(300), poll_seed("lobby-1"), n, 0));
    again.push_back(poll_delay(seconds(300), poll_seed("lobby-1"), n, 0));
    b.push_back(poll_delay(seconds(300), poll_seed("lobby-2"), n, 0));
  }
  EXPECT_EQ(a, again);
  EXPECT_NE(a, b);
  // Three screens started together on one URL: after ten checks they ask seconds apart, not together.
  std::vector<double> at;
  for (const char* id : {"lobby-1", "lobby-2", "lobby-3"}) {
    double t = 0;
    for (uint64_t n = 0; n < 10; ++n) t += ms(poll_delay(seconds(300), poll_seed(id), n, 0));
    at.push_back(t);
  }
  std::sort(at.begin(), at.end());
  EXPECT_GT(at[1] - at[0], 1000);
  EXPECT_GT(at[2] - at[1], 1000);
  // Successive waits of one screen differ too (not one fixed phase per screen).
  std::set<int64_t> distinct;
  for (auto d : a) distinct.insert(d.count());
  EXPECT_GT(distinct.size(), 45u);
}

TEST(PollSchedule, BacksOffDoublingAfterFailuresUpToTheCap) {
  uint64_t seed = poll_seed("lobby-1");
  auto band = [&](seconds interval, int failures, double base_s) {
    for (uint64_t n = 0; n < 500; ++n) {
      double d = ms(poll_delay(interval, seed, n, failures));
      EXPECT_GE(d, base_s * 800) << "failures " << failures << " poll " << n;
      EXPECT_LE(d, base_s * 1200) << "failures " << failures << " poll " << n;
    }
  };
  band(seconds(300), 0, 300);
  band(seconds(300), 1, 600);
  band(seconds(300), 2, 1200);
  band(seconds(300), 3, 2400);
  band(seconds(300), 50, 2400);  // at most 8 × interval_s
  band(seconds(900), 3, 3600);   // and not over an hour
  band(seconds(86400), 4, 86400);  // never shorter than the interval itself
  band(seconds(5), 2, 20);
  // Jittered as well: failed screens do not retry in step either.
  EXPECT_NE(poll_delay(seconds(300), poll_seed("lobby-1"), 7, 2), poll_delay(seconds(300), poll_seed("lobby-2"), 7, 2));
}
