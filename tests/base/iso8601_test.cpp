#include "base/iso8601.h"

#include <gtest/gtest.h>

using namespace eco;

TEST(Iso8601, ParsesOffsetAndConvertsToUtc) {
  auto t = parse_iso8601("2026-06-24T10:00:00+08:00");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->offset_minutes, 480);
  EXPECT_EQ(format_iso8601(t->utc, 0), "2026-06-24T02:00:00+00:00");
}

TEST(Iso8601, ZuluFractionsAndDefaultOffset) {
  auto z = parse_iso8601("2026-01-01T00:00:00.5Z");
  ASSERT_TRUE(z);
  EXPECT_EQ(z->offset_minutes, 0);
  EXPECT_EQ(to_local(z->utc, 0).millisecond, 500);
  auto local = parse_iso8601("2026-01-01T08:00", 480);
  ASSERT_TRUE(local);
  EXPECT_EQ(format_iso8601(local->utc, 0), "2026-01-01T00:00:00+00:00");
}

TEST(Iso8601, RejectsMalformedInput) {
  for (const char* bad : {"", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-06-24 25:00", "yesterday",
                          "2026-06-24T10:00:00+8", "2026-06-24T10:00:00+08:00junk"})
    EXPECT_FALSE(parse_iso8601(bad)) << bad;
}

TEST(Iso8601, LocalTimeWeekdayAndDayNumber) {
  auto t = parse_iso8601("2026-06-24T23:30:00+08:00");
  LocalTime lt = to_local(t->utc, 480);
  EXPECT_EQ(lt.weekday, 3);  // Wednesday
  EXPECT_EQ(lt.hour, 23);
  EXPECT_EQ(format_date(lt.day_number()), "2026-06-24");
  // The same instant is already the 25th in Tokyo-like +09:00.
  EXPECT_EQ(to_local(t->utc, 540).day, 25);
  EXPECT_EQ(parse_date("2026-06-24"), lt.day_number());
  EXPECT_FALSE(parse_date("2026-6-24"));
}

TEST(Iso8601, UtcOffsets) {
  EXPECT_EQ(parse_utc_offset("+08:00"), 480);
  EXPECT_EQ(parse_utc_offset("-05:30"), -330);
  EXPECT_EQ(parse_utc_offset("Z"), 0);
  EXPECT_FALSE(parse_utc_offset("08:00"));
  EXPECT_FALSE(parse_utc_offset("+25:00"));
}
