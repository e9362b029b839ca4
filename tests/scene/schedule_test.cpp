#include "scene/schedule.h"

#include <gtest/gtest.h>

#include "base/toml_reader.h"

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
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what() << " (wanted: " << fragment << ")";
    }
  };
  expect_error("[[slot]]\nscene = \"movie\"\n", "s.toml:2: key 'slot[0].scene': expected one of welcome, slide, plugin, data");
  expect_error("[[slot]]\nscene = \"video\"\n", "key 'slot[0].file'");
  expect_error("[[slot]]\nscene = \"video\"\nfile = \"../secret.mp4\"\n", "s.toml:3: key 'slot[0].file'");
  expect_error("[[slot]]\nscene = \"video\"\nfile = \"/etc/a.mp4\"\n", "key 'slot[0].file'");
  expect_error("[[slot]]\nscene = \"video\"\nfile = \"a.mp4\"\nfit = \"stretch\"\n", "s.toml:4: key 'slot[0].fit'");
  expect_error("[[slot]]\nscene = \"video\"\nfile = \"a.mp4\"\nvolume = 150\n", "key 'slot[0].volume'");
  expect_error("[[slot]]\nscene = \"video\"\nfile = \"a.mp4\"\nloop = \"yes\"\n", "key 'slot[0].loop'");
  expect_error("[[slot]]\nscene = \"slide\"\ntitle = \"t\"\nweekdays = [0]\n", "key 'slot[0].weekdays'");
  expect_error("[[slot]]\nscene = \"slide\"\ntitle = \"t\"\ndayparts = [\"lunch\"]\n", "key 'slot[0].dayparts'");
  expect_error("[[slot]]\nscene = \"slide\"\ntitle = \"t\"\nfrom = \"2026-06-30\"\nuntil = \"2026-06-01\"\n", "key 'slot[0].until'");
  expect_error("[[slot]]\nscene = \"slide\"\n", "a title, body or image");
  expect_error("[[slot]]\nscene = \"slide\"\ntitle = \"t\"\nimage = \"../../etc/passwd\"\n", "key 'slot[0].image'");
  expect_error("[[slot]]\nscene = \"plugin\"\n", "key 'slot[0].plugin'");
  expect_error("[[slot]\n", "s.toml:1:");
}

namespace {
const char* kCalendar = R"(
[[campaign]]
id = "energy_week"
name = { zh-CN = "全国节能宣传周", en = "Energy-saving week" }
priority = 10
windows = [["2025-06-23", "2025-06-29"], ["2026-06-22", "2026-06-28"]]

[[campaign]]
id = "low_carbon_day"
day_of = "energy_week"
day = 3
)";

const char* kCampaignSchedule = R"(
[[slot]]
scene = "slide"
title = "日常"
[[slot]]
campaign = "energy_week"
plugin = "energy_week_quiz"
[[slot]]
campaign = "low_carbon_day"
scene = "slide"
title = "低碳日"
)";

std::vector<size_t> slots_on(const Schedule& s, int year, int month, int day) {
  LocalTime t = to_local(from_local(year, month, day, 10, 0, 0, 480), 480);
  return select_slots(s, t, nullptr);
}
}  // namespace

TEST(Campaigns, SlotsShowOnlyInTheirWindowAndReplaceTheEverydayLoop) {
  CampaignCalendar cal = parse_campaigns(kCalendar, "campaigns.toml");
  Schedule s = parse_schedule(kCampaignSchedule, "schedule.toml", cal);
  EXPECT_EQ(s.slots[1].priority, 10) << "the campaign's priority";
  EXPECT_EQ(slots_on(s, 2026, 6, 21), (std::vector<size_t>{0})) << "the day before: everyday loop";
  EXPECT_EQ(slots_on(s, 2026, 6, 22), (std::vector<size_t>{1})) << "first day of the week";
  EXPECT_EQ(slots_on(s, 2026, 6, 24), (std::vector<size_t>{1, 2})) << "third day: low-carbon day joins";
  EXPECT_EQ(slots_on(s, 2025, 6, 25), (std::vector<size_t>{1, 2})) << "and in every year with dates";
  EXPECT_EQ(slots_on(s, 2026, 6, 28), (std::vector<size_t>{1}));
  EXPECT_EQ(slots_on(s, 2026, 6, 29), (std::vector<size_t>{0})) << "after the week";
}

TEST(Campaigns, MistakesNameTheFileLineAndKey) {
  CampaignCalendar cal = parse_campaigns(kCalendar, "campaigns.toml");
  try {
    parse_schedule("[[slot]]\ncampaign = \"energy_weak\"\nscene = \"slide\"\ntitle = \"x\"\n", "schedule.toml", cal);
    FAIL() << "unknown campaign accepted";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("schedule.toml:2"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("energy_week, low_carbon_day"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_campaigns("[[campaign]]\nid = \"x\"\nwindows = [[\"2026-06-28\", \"2026-06-22\"]]\n", "c.toml"), ConfigError);
  EXPECT_THROW(parse_campaigns("[[campaign]]\nid = \"x\"\n", "c.toml"), ConfigError);
  EXPECT_THROW(parse_campaigns("[[campaign]]\nid = \"x\"\nday_of = \"nope\"\n", "c.toml"), ConfigError);
}

TEST(Campaigns, BundledCalendarAndScheduleLoadTogether) {
  Schedule s = load_schedule(std::filesystem::path(ECOLOBBY_SOURCE_DIR) / "content" / "schedule.toml");
  ASSERT_TRUE(s.calendar.find("energy_week"));
  ASSERT_TRUE(s.calendar.find("low_carbon_day"));
  // 2025's week: 23–29 June; low-carbon day the 25th.
  auto week = slots_on(s, 2025, 6, 24), low_carbon = slots_on(s, 2025, 6, 25), normal = slots_on(s, 2025, 7, 1);
  for (size_t i : week) EXPECT_EQ(s.slots[i].campaign, "energy_week");
  EXPECT_GT(low_carbon.size(), week.size());
  for (size_t i : normal) EXPECT_TRUE(s.slots[i].campaign.empty());
}

TEST(Campaigns, RunningCampaignCarriesItsThemeAndTheDayOutranksItsWeek) {
  const char* calendar = R"(
[[campaign]]
id = "energy_week"
name = { zh-CN = "全国节能宣传周", en = "Energy-saving week" }
windows = [["2026-06-22", "2026-06-28"]]
theme = { accent = "#FF9F43", slogan = { zh-CN = "节能降碳", en = "Save energy" } }

[[campaign]]
id = "low_carbon_day"
day_of = "energy_week"
day = 3
[campaign.theme]
accent = "#4FC3F7"
)";
  CampaignCalendar cal = parse_campaigns(calendar, "campaigns.toml");
  auto day = [](int d) { return to_local(from_local(2026, 6, d, 10, 0, 0, 480), 480).day_number(); };
  EXPECT_EQ(cal.running(day(21)), nullptr) << "before the week nothing dresses the screen";
  const Campaign* week = cal.running(day(22));
  ASSERT_NE(week, nullptr);
  EXPECT_EQ(week->id, "energy_week");
  EXPECT_EQ(week->slogan.get("en"), "Save energy");
  EXPECT_EQ(week->slogan.get("zh-CN"), "节能降碳");
  ASSERT_TRUE(week->accent);
  EXPECT_EQ(week->accent->r, 0xFF);
  EXPECT_EQ(week->accent->b, 0x43);
  ASSERT_NE(cal.running(day(24)), nullptr);
  EXPECT_EQ(cal.running(day(24))->id, "low_carbon_day") << "the day inside the week is the more specific";
  EXPECT_EQ(cal.running(day(25))->id, "energy_week");
}

TEST(Campaigns, ABadThemeColourNamesTheFileLineAndKey) {
  try {
    parse_campaigns("[[campaign]]\nid = \"x\"\nwindows = [[\"2026-06-22\", \"2026-06-28\"]]\ntheme = { accent = \"orange\" }\n",
                    "campaigns.toml");
    FAIL() << "accepted";
  } catch (const ConfigError& e) {
    std::string m = e.what();
    EXPECT_NE(m.find("campaigns.toml:4"), std::string::npos) << m;
    EXPECT_NE(m.find("accent"), std::string::npos) << m;
  }
}

// Messages about a slot's plugin or settings name the line of that key, not of [[slot]].
TEST(Schedule, PluginAndSettingsKeysKeepTheirLines) {
  Schedule s = parse_schedule("[[slot]]\nduration_s = 5\nplugin = \"quiz\"\n[slot.settings]\nrounds = 3\n\ncolour = \"red\"\n",
                              "schedule.toml");
  ASSERT_EQ(s.slots.size(), 1u);
  EXPECT_EQ(s.slots[0].where, "schedule.toml:1");
  EXPECT_EQ(s.slots[0].plugin_where, "schedule.toml:3");
  EXPECT_EQ(s.slots[0].source, "schedule.toml");
  ASSERT_TRUE(s.slots[0].settings);
  EXPECT_EQ(s.slots[0].settings->get("colour")->source().begin.line, 7u);
  Schedule copy = s;  // the content keeps copies of its schedule
  EXPECT_EQ(copy.slots[0].settings->get("rounds")->source().begin.line, 5u);
}

TEST(Schedule, VideoSlots) {
  Schedule s = parse_schedule(R"(
[[slot]]
scene = "video"
file = "./video/week.mp4"
caption = { zh-CN = "节能宣传周", en = "Energy saving week" }
[[slot]]
scene = "video"
file = "loop.webm"
duration_s = 60
loop = true
audio = true
volume = 40
fit = "cover"
)", "v.toml");
  ASSERT_EQ(s.slots.size(), 2u);
  ASSERT_TRUE(s.slots[0].video);
  const VideoSlot& a = *s.slots[0].video;
  EXPECT_EQ(a.file, "video/week.mp4");
  EXPECT_EQ(a.file_where, "v.toml:4");
  EXPECT_TRUE(a.length_from_video);
  EXPECT_FALSE(a.loop || a.audio || a.cover);
  EXPECT_EQ(a.caption.get("en"), "Energy saving week");
  const VideoSlot& b = *s.slots[1].video;
  EXPECT_FALSE(b.length_from_video);
  EXPECT_EQ(s.slots[1].duration_s, 60);
  EXPECT_TRUE(b.loop && b.audio && b.cover);
  EXPECT_EQ(b.volume, 40);
}
