#include "scene/schedule.h"

#include <gtest/gtest.h>

#include "app/toml_reader.h"

using namespace eco;

namespace {
LocalTime at(const char* iso) { return to_local(parse_iso8601(iso)->utc, 480); }

const char* kSchedule = R"(
[[slot]]
scene = "welcome"

[[slot]]
scene = "slide"
title = "工作日"
weekdays = [1, 2, 3, 4, 5]

[[slot]]
scene = "slide"
title = "午餐"
dayparts = ["11:00-13:30"]

[[slot]]
scene = "slide"
title = { zh-CN = "节能宣传周", en = "Energy week" }
from = "2026-06-22"
until = 2026-06-28
priority = 10

[[slot]]
scene = "slide"
title = "夜间"
dayparts = ["22:00-06:00"]
)";
}  // namespace

TEST(Schedule, ParsesSlots) {
  Schedule s = parse_schedule(kSchedule, "schedule.toml");
  ASSERT_EQ(s.slots.size(), 5u);
  EXPECT_EQ(s.slots[3].title.get("en"), "Energy week");
  EXPECT_EQ(s.slots[3].title.get("fr"), "节能宣传周");  // falls back to Chinese
  EXPECT_EQ(s.slots[1].weekdays.size(), 5u);
  EXPECT_EQ(s.slots[0].where, "schedule.toml:2");
}

TEST(Schedule, WeekdaysAndDayparts) {
  Schedule s = parse_schedule(kSchedule, "schedule.toml");
  auto all = [](size_t) { return true; };
  // Saturday 2026-06-20 at 10:00: not a weekday, not lunch, before the campaign.
  EXPECT_EQ(select_slots(s, at("2026-06-20T10:00:00+08:00"), all), (std::vector<size_t>{0}));
  // Friday 2026-06-19 at 12:00: weekday and lunch.
  EXPECT_EQ(select_slots(s, at("2026-06-19T12:00:00+08:00"), all), (std::vector<size_t>{0, 1, 2}));
  // Friday 23:30 and Saturday 05:00: the night window wraps midnight.
  EXPECT_EQ(select_slots(s, at("2026-06-19T23:30:00+08:00"), all), (std::vector<size_t>{0, 1, 4}));
  EXPECT_EQ(select_slots(s, at("2026-06-20T05:00:00+08:00"), all), (std::vector<size_t>{0, 4}));
}

TEST(Schedule, DateWindowAndPriority) {
  Schedule s = parse_schedule(kSchedule, "schedule.toml");
  auto all = [](size_t) { return true; };
  // During the campaign week only the priority-10 slot rotates, first to last day inclusive.
  EXPECT_EQ(select_slots(s, at("2026-06-22T00:00:00+08:00"), all), (std::vector<size_t>{3}));
  EXPECT_EQ(select_slots(s, at("2026-06-28T23:59:00+08:00"), all), (std::vector<size_t>{3}));
  EXPECT_EQ(select_slots(s, at("2026-06-29T10:00:00+08:00"), all), (std::vector<size_t>{0, 1}));
  // An unavailable slot (a broken plugin) drops out and the next priority takes over.
  auto not3 = [](size_t i) { return i != 3; };
  EXPECT_EQ(select_slots(s, at("2026-06-24T10:00:00+08:00"), not3), (std::vector<size_t>{0, 1}));
}

TEST(Schedule, EmptyScheduleSelectsNothing) {
  Schedule s = parse_schedule("", "empty.toml");
  EXPECT_TRUE(select_slots(s, at("2026-06-24T10:00:00+08:00"), nullptr).empty());
}

TEST(Schedule, ErrorsNameFileLineAndKey) {
  auto expect_error = [](const char* text, const char* fragment) {
    try {
      parse_schedule(text, "s.toml");
      ADD_FAILURE() << "no error for: " << text;
    } catch (const ConfigError& e) {
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
  };
  expect_error("[[slot]]\nscene = \"video\"\n", "s.toml:2: key 'slot[0].scene': expected one of welcome, slide, plugin, data");
  expect_error("[[slot]]\nscene = \"slide\"\ntitle = \"t\"\nweekdays = [0]\n", "key 'slot[0].weekdays'");
  expect_error("[[slot]]\nscene = \"slide\"\ntitle = \"t\"\ndayparts = [\"lunch\"]\n", "key 'slot[0].dayparts'");
  expect_error("[[slot]]\nscene = \"slide\"\ntitle = \"t\"\nfrom = \"2026-06-30\"\nuntil = \"2026-06-01\"\n", "key 'slot[0].until'");
  expect_error("[[slot]]\nscene = \"slide\"\n", "a title, body or image");
  expect_error("[[slot]]\nscene = \"slide\"\ntitle = \"t\"\nimage = \"../../etc/passwd\"\n", "key 'slot[0].image'");
  expect_error("[[slot]]\nscene = \"plugin\"\n", "key 'slot[0].plugin'");
  expect_error("[[slot]\n", "s.toml:1:");
}
