#include "scene/rotation.h"

#include <gtest/gtest.h>

using namespace eco;
using namespace std::chrono_literals;

namespace {
Schedule three_slots() {
  return parse_schedule(R"(
[rotation]
transition_ms = 1000
[[slot]]
scene = "welcome"
duration_s = 10
[[slot]]
scene = "slide"
title = "a"
duration_s = 20
[[slot]]
scene = "slide"
title = "b"
duration_s = 5
dayparts = ["11:00-12:00"]
)", "r.toml");
}
TimePoint t0() { return parse_iso8601("2026-06-24T10:59:50+08:00")->utc; }
LocalTime local(TimePoint t) { return to_local(t, 480); }
auto all = [](size_t) { return true; };
}  // namespace

TEST(Rotation, CyclesThroughEligibleSlotsWithCrossfades) {
  Schedule s = three_slots();
  Rotation r(&s);
  TimePoint t = t0();
  EXPECT_TRUE(r.update(t, local(t), all));
  EXPECT_EQ(r.current(), 0);
  EXPECT_FALSE(r.previous());  // the first slot appears without a fade
  t += 9s;
  EXPECT_FALSE(r.update(t, local(t), all));
  EXPECT_EQ(r.next_deadline(t), t0() + 10s);
  t += 1s;  // 11:00:00: the lunch slot is now eligible too
  EXPECT_TRUE(r.update(t, local(t), all));
  EXPECT_EQ(r.current(), 1);
  ASSERT_TRUE(r.previous());
  EXPECT_EQ(*r.previous(), 0);
  EXPECT_FLOAT_EQ(r.transition(t + 500ms), 0.5f);
  EXPECT_EQ(r.next_deadline(t), t);  // animating
  t += 20s;
  EXPECT_TRUE(r.update(t, local(t), all));
  EXPECT_EQ(r.current(), 2);
  t += 5s;
  EXPECT_TRUE(r.update(t, local(t), all));
  EXPECT_EQ(r.current(), 0);  // wraps around
}

TEST(Rotation, HoldPausesAndReleaseMovesOn) {
  Schedule s = three_slots();
  Rotation r(&s);
  TimePoint t = t0();
  r.update(t, local(t), all);
  r.hold(true, t + 2s);
  t += 60s;
  EXPECT_FALSE(r.update(t, local(t), all));
  EXPECT_EQ(r.current(), 0);
  r.hold(false, t);
  EXPECT_TRUE(r.update(t, local(t), all));
  EXPECT_EQ(r.current(), 1);
}

TEST(Rotation, FallsBackToWelcomeAndSkipsUnavailable) {
  Schedule empty;
  Rotation r(&empty);
  TimePoint t = t0();
  r.update(t, local(t), all);
  EXPECT_EQ(r.current(), Rotation::kFallback);

  Schedule s = three_slots();
  Rotation r2(&s);
  auto only_slide = [](size_t i) { return i == 1; };
  r2.update(t, local(t), only_slide);
  EXPECT_EQ(r2.current(), 1);
  // The slide breaks: the rotation leaves it at once.
  auto none = [](size_t) { return false; };
  EXPECT_TRUE(r2.update(t + 1s, local(t + 1s), none));
  EXPECT_EQ(r2.current(), Rotation::kFallback);
}

TEST(Rotation, LeavesTheFallbackAsSoonAsASlotCanShow) {
  Schedule s = three_slots();
  Rotation r(&s);
  bool data_arrived = false;
  auto needs_data = [&](size_t i) { return i == 1 && data_arrived; };
  TimePoint t = t0();
  r.update(t, local(t), needs_data);
  EXPECT_EQ(r.current(), Rotation::kFallback) << "no figures yet";
  EXPECT_FALSE(r.update(t + 1s, local(t + 1s), needs_data)) << "still nothing to show";
  data_arrived = true;
  EXPECT_TRUE(r.update(t + 1500ms, local(t + 1500ms), needs_data)) << "not ten seconds later";
  EXPECT_EQ(r.current(), 1);
  EXPECT_FALSE(r.previous()) << "a stopgap shown for a moment is cut away, not faded";
}

namespace {
Schedule slide_video_slide() {
  return parse_schedule(R"(
[rotation]
transition_ms = 500
[[slot]]
scene = "slide"
title = "a"
duration_s = 10
[[slot]]
scene = "video"
file = "v.mp4"
[[slot]]
scene = "slide"
title = "b"
duration_s = 10
)", "m.toml");
}
}  // namespace

TEST(Rotation, UpcomingSlotIsNamedOnlyWithinTheLeadBeforeTheBoundary) {
  Schedule s = slide_video_slide();
  Rotation r(&s);
  TimePoint t = t0();
  r.update(t, local(t), all);
  EXPECT_FALSE(r.upcoming(t, local(t), all, 3s));
  t += 6s;
  EXPECT_FALSE(r.upcoming(t, local(t), all, 3s));
  t += 1s;  // 3 s before the end of slot 0
  ASSERT_TRUE(r.upcoming(t, local(t), all, 3s));
  EXPECT_EQ(*r.upcoming(t, local(t), all, 3s), 1);
  r.hold(true, t);
  EXPECT_FALSE(r.upcoming(t, local(t), all, 3s));  // someone is using the screen: nothing is due
}

TEST(Rotation, AMediaSlotLastsItsOwnLengthAndIsSkippedWhenNotReady) {
  Schedule s = slide_video_slide();
  Rotation r(&s);
  bool video_ready = false;
  int asked_length = 0;
  r.set_media({[&](size_t i) -> std::optional<std::chrono::milliseconds> {
                 if (i != 1) return std::nullopt;
                 ++asked_length;
                 return 4200ms;
               },
               [&](size_t i) { return i != 1 || video_ready; }});
  TimePoint t = t0();
  EXPECT_TRUE(r.update(t, local(t), all));
  EXPECT_EQ(r.current(), 0);
  t += 10s;
  EXPECT_TRUE(r.update(t, local(t), all));
  EXPECT_EQ(r.current(), 2);  // the video was not ready: passed over
  t += 10s;
  EXPECT_TRUE(r.update(t, local(t), all));
  EXPECT_EQ(r.current(), 0);
  video_ready = true;
  t += 10s;
  EXPECT_TRUE(r.update(t, local(t), all));
  EXPECT_EQ(r.current(), 1);  // ready this time: it fades in
  EXPECT_TRUE(r.previous());
  EXPECT_EQ(r.next_deadline(t + 1s), t + 4200ms);  // the video's own length, not the default 15 s
  EXPECT_GE(asked_length, 1);
  t += 4200ms;
  EXPECT_TRUE(r.update(t, local(t), all));
  EXPECT_EQ(r.current(), 2);
}

TEST(Rotation, TheFirstSlotIsEnteredUnprepared) {
  Schedule s = parse_schedule("[[slot]]\nscene = \"video\"\nfile = \"v.mp4\"\nduration_s = 5\n[[slot]]\nscene = \"slide\"\ntitle = \"a\"\n", "f.toml");
  Rotation r(&s);
  r.set_media({nullptr, [](size_t) { return false; }});
  TimePoint t = t0();
  EXPECT_TRUE(r.update(t, local(t), all));
  EXPECT_EQ(r.current(), 0);  // loads as it shows
}

TEST(Rotation, AVideoSlotFollowingItselfStartsOver) {
  Schedule s = parse_schedule("[[slot]]\nscene = \"video\"\nfile = \"v.mp4\"\nduration_s = 5\n", "one.toml");
  Rotation r(&s);
  TimePoint t = t0();
  EXPECT_TRUE(r.update(t, local(t), all));
  t += 5s;
  EXPECT_TRUE(r.update(t, local(t), all));  // changed: the scene is entered again
  EXPECT_EQ(r.current(), 0);
  Schedule slides = parse_schedule("[[slot]]\nscene = \"slide\"\ntitle = \"a\"\nduration_s = 5\n", "s.toml");
  Rotation q(&slides);
  t = t0();
  EXPECT_TRUE(q.update(t, local(t), all));
  t += 5s;
  EXPECT_FALSE(q.update(t, local(t), all));  // a slide just stays
}
