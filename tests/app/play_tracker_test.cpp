// The render thread's side of proof of play: each showing's start, length and ending.
#include "app/play_tracker.h"

#include <gtest/gtest.h>

using namespace eco;
using store::PlayEnding;

namespace {

TimePoint at_s(int64_t s) { return TimePoint{std::chrono::seconds{1'782'266'400 + s}}; }  // 2026-06-24T10:00+08:00

Slot slide(const char* title, const char* campaign = "") {
  Slot s;
  s.scene = "slide";
  s.title.by_language["zh-CN"] = title;
  s.campaign = campaign;
  return s;
}

}  // namespace

TEST(PlayItem, NamesWhatTheSlotShows) {
  Slot plugin;
  plugin.scene = "plugin";
  plugin.plugin = "energy_week_quiz";
  EXPECT_EQ(play_item(plugin), "energy_week_quiz");
  Slot poster;
  poster.scene = "poster";
  poster.file = "posters/week.jpg";
  EXPECT_EQ(play_item(poster), "posters/week.jpg");
  EXPECT_EQ(play_item(slide("夏季空调不低于26℃")), "夏季空调不低于26℃");
  Slot data;
  data.scene = "data";
  EXPECT_EQ(play_item(data), "data");
}

TEST(PlayTracker, EachBeginEndsTheShowingBeforeIt) {
  PlayTracker t("lobby-1", 480);
  Slot a = slide("A", "energy_week"), b = slide("B");
  EXPECT_FALSE(t.begin(at_s(0), &a, "v1"));
  auto first = t.begin(at_s(15), &b, "v1");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->item, "A");
  EXPECT_EQ(first->campaign, "energy_week");
  EXPECT_EQ(first->kiosk, "lobby-1");
  EXPECT_EQ(first->content_version, "v1");
  EXPECT_EQ(first->shown_ms, 15'000);
  EXPECT_EQ(first->ending, PlayEnding::Done);
  EXPECT_EQ(first->day, days_from_civil(2026, 6, 24));
  auto second = t.end(at_s(20), PlayEnding::Stopped);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->item, "B");
  EXPECT_EQ(second->ending, PlayEnding::Stopped);
  EXPECT_FALSE(t.end(at_s(21), PlayEnding::Stopped)) << "nothing open any more";
}

TEST(PlayTracker, ATouchMarksTheShowingAndACutSaysMore) {
  PlayTracker t("lobby-1", 480);
  Slot a = slide("A");
  t.begin(at_s(0), &a, "v1");
  t.touched();
  auto touched = t.begin(at_s(90), &a, "v1");
  ASSERT_TRUE(touched);
  EXPECT_EQ(touched->ending, PlayEnding::Touched);
  t.touched();
  t.cut(PlayEnding::Update);
  auto cut = t.begin(at_s(95), nullptr, "v2");
  ASSERT_TRUE(cut);
  EXPECT_EQ(cut->ending, PlayEnding::Update) << "new content cut it, whoever touched it";
  auto fallback = t.end(at_s(96), PlayEnding::DisplayOff);
  ASSERT_TRUE(fallback);
  EXPECT_EQ(fallback->scene, "fallback");
  EXPECT_EQ(fallback->ending, PlayEnding::DisplayOff);
  EXPECT_EQ(fallback->content_version, "v2");
}

TEST(PlayTracker, ACutWithNothingOnScreenIsForgotten) {
  PlayTracker t("lobby-1", 480);
  t.cut(PlayEnding::Failed);
  Slot a = slide("A");
  t.begin(at_s(0), &a, "v1");
  auto p = t.end(at_s(5), PlayEnding::Done);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->ending, PlayEnding::Done);
}
