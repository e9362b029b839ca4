// os.time/os.date's calendar (lua/os_calendar.h) against the C library's own mktime and strftime
// under the same fixed TZ: every C99 conversion, at several UTC offsets, over many dates (every
// day around each new year from 2015 to 2035, where the week numbers turn, and a spread over
// years 1000-9999), and mktime's normalisation of out-of-range fields.
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/iso8601.h"
#include "lua/os_calendar.h"

using namespace eco;
using namespace eco::lua;

namespace {

// A fixed offset and the POSIX TZ that says the same (east of UTC is negative in POSIX).
struct Zone {
  int offset_minutes;
  const char* tz;
};
const Zone kZones[] = {{480, "<+08>-8"}, {330, "<+0530>-5:30"}, {-300, "<-05>5"}, {0, "UTC0"}};

// Every conversion C99 defines, with the E and O modifiers where C99 allows them.
const char* const kConversions[] = {
    "%a", "%A", "%b", "%B", "%c", "%C", "%d", "%D", "%e", "%F", "%g", "%G", "%h", "%H", "%I", "%j", "%m", "%M",
    "%n", "%p", "%r", "%R", "%S", "%t", "%T", "%u", "%U", "%V", "%w", "%W", "%x", "%X", "%y", "%Y", "%z", "%Z",
    "%%", "%Ec", "%EC", "%Ex", "%EX", "%Ey", "%EY", "%Od", "%Oe", "%OH", "%OI", "%Om", "%OM", "%OS", "%Ou",
    "%OU", "%OV", "%Ow", "%OW", "%Oy"};

class UnderTz {
 public:
  explicit UnderTz(const char* tz) {
    if (const char* old = std::getenv("TZ")) saved_ = old, had_ = true;
    setenv("TZ", tz, 1);
    tzset();
  }
  ~UnderTz() {
    if (had_) setenv("TZ", saved_.c_str(), 1);
    else unsetenv("TZ");
    tzset();
  }

 private:
  std::string saved_;
  bool had_ = false;
};

std::string libc_format(const char* fmt, int64_t seconds) {
  time_t t = static_cast<time_t>(seconds);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[256];
  size_t n = std::strftime(buf, sizeof buf, fmt, &tm);
  return std::string(buf, n);
}

std::string ours(const char* fmt, int64_t seconds, int offset) {
  std::string out, error;
  EXPECT_TRUE(format_calendar(fmt, fields_at(seconds, offset), offset, zone_name(offset), out, error)) << error;
  return out;
}

std::vector<int64_t> instants() {
  std::vector<int64_t> out;
  for (int year = 2015; year <= 2035; ++year)  // Dec 20 to Jan 10 at 00:30, 11:59 and 23:30 UTC
    for (int64_t day = days_from_civil(year, 12, 20); day <= days_from_civil(year + 1, 1, 10); ++day)
      for (int64_t s : {1800, 43140, 84600}) out.push_back(day * 86400 + s);
  uint64_t x = 20260624;  // and a deterministic spread over the years 1000-9999
  int64_t lo = days_from_civil(1000, 1, 2) * 86400, hi = days_from_civil(9999, 12, 30) * 86400;
  for (int i = 0; i < 3000; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    out.push_back(lo + static_cast<int64_t>((x >> 11) % static_cast<uint64_t>(hi - lo)));
  }
  return out;
}

}  // namespace

TEST(OsCalendar, EveryC99ConversionMatchesTheCLibraryAtEveryOffsetOnManyDates) {
  const auto times = instants();
  for (const Zone& zone : kZones) {
    UnderTz tz(zone.tz);
    int mismatches = 0;
    for (int64_t t : times)
      for (const char* conversion : kConversions) {
        std::string expected = libc_format(conversion, t), actual = ours(conversion, t, zone.offset_minutes);
        if (expected != actual && ++mismatches <= 10)
          ADD_FAILURE() << zone.tz << " " << format_iso8601(from_unix_seconds(t), zone.offset_minutes) << " "
                        << conversion << ": C library '" << expected << "', ours '" << actual << "'";
      }
    EXPECT_EQ(mismatches, 0) << zone.tz;
  }
}

TEST(OsCalendar, WeekNumbersAroundNewYearAreTheC99Ones) {
  // 2026-12-31 is a Thursday: ISO week 53 of 2026; 2027-01-01 (Friday) still belongs to it.
  auto at = [](int y, int m, int d) { return days_from_civil(y, m, d) * 86400 + 43200 - 480 * 60; };
  EXPECT_EQ(ours("%G-W%V-%u %U %W", at(2026, 12, 31), 480), "2026-W53-4 52 52");
  EXPECT_EQ(ours("%G-W%V-%u %U %W", at(2027, 1, 1), 480), "2026-W53-5 00 00");
  EXPECT_EQ(ours("%G-W%V-%u %U %W", at(2027, 1, 4), 480), "2027-W01-1 01 01");
  EXPECT_EQ(ours("%G-W%V-%u %g", at(2024, 12, 30), 480), "2025-W01-1 25");  // Monday of 2025's week 1
  EXPECT_EQ(ours("%W", at(2026, 6, 24), 480), "25");
}

TEST(OsCalendar, OutOfRangeFieldsCarryOverLikeMktime) {
  struct Case {
    int64_t year, month, day, hour, min, sec;
  };
  const Case cases[] = {
      {2026, 6, 22, 12, 0, 0},  {2026, 13, 1, 12, 0, 0},  {2026, 0, 1, 12, 0, 0},   {2026, -1, 15, 0, 0, 0},
      {2026, 25, 1, 0, 0, 0},   {2026, 2, 29, 0, 0, 0},   {2024, 2, 29, 0, 0, 0},   {2026, 3, 0, 0, 0, 0},
      {2026, 1, -1, 0, 0, 0},   {2026, 1, 400, 0, 0, 0},  {2026, 6, 22, -1, 0, 0},  {2026, 6, 22, 25, 0, 0},
      {2026, 6, 22, 1000, 0, 0}, {2026, 6, 22, 12, -10, 0}, {2026, 6, 22, 12, 75, 0}, {2026, 6, 22, 12, 0, -10},
      {2026, 6, 22, 12, 0, 3600}, {2026, 12, 31, 23, 59, 60}, {1970, 1, 1, 0, 0, 0},  {2000, 2, 30, 48, -61, 7322},
      {1999, 12, 31, 23, 59, 59}, {2030, 120, -200, -5000, 9999, -99999}};
  for (const Zone& zone : kZones) {
    UnderTz tz(zone.tz);
    for (const Case& c : cases) {
      std::tm tm{};
      tm.tm_year = static_cast<int>(c.year - 1900);
      tm.tm_mon = static_cast<int>(c.month - 1);
      tm.tm_mday = static_cast<int>(c.day);
      tm.tm_hour = static_cast<int>(c.hour);
      tm.tm_min = static_cast<int>(c.min);
      tm.tm_sec = static_cast<int>(c.sec);
      tm.tm_isdst = -1;
      int64_t expected = mktime(&tm);
      CalendarFields f;
      f.year = c.year, f.month = c.month, f.day = c.day, f.hour = c.hour, f.min = c.min, f.sec = c.sec;
      auto seconds = seconds_from_fields(f, zone.offset_minutes);
      ASSERT_TRUE(seconds) << c.year << "-" << c.month << "-" << c.day;
      EXPECT_EQ(*seconds, expected) << zone.tz << " " << c.year << "-" << c.month << "-" << c.day << " " << c.hour
                                    << ":" << c.min << ":" << c.sec;
      // And the normalised fields os.time writes back into the table are mktime's.
      CalendarFields n = fields_at(*seconds, zone.offset_minutes);
      EXPECT_EQ(n.year, tm.tm_year + 1900);
      EXPECT_EQ(n.month, tm.tm_mon + 1);
      EXPECT_EQ(n.day, tm.tm_mday);
      EXPECT_EQ(n.hour, tm.tm_hour);
      EXPECT_EQ(n.min, tm.tm_min);
      EXPECT_EQ(n.sec, tm.tm_sec);
      EXPECT_EQ(n.wday, tm.tm_wday + 1);
      EXPECT_EQ(n.yday, tm.tm_yday + 1);
    }
  }
}

TEST(OsCalendar, DatesOutsideYearsOneTo9999HaveNoTime) {
  CalendarFields f;
  f.year = 10000;
  EXPECT_FALSE(seconds_from_fields(f, 480));
  f.year = 9999, f.month = 13;
  EXPECT_FALSE(seconds_from_fields(f, 480));
  f.year = 2147483647, f.month = 1;
  EXPECT_FALSE(seconds_from_fields(f, 480));
  f.year = 1, f.month = 1, f.day = 1, f.hour = 12;
  EXPECT_TRUE(seconds_from_fields(f, 480));
}

TEST(OsCalendar, ConversionsC99DoesNotDefineAreRefusedByName) {
  for (const char* bad : {"%k", "%s", "%P", "%-d", "%Ez", "%Oa", "%E", "%O", "%", "day %q!"}) {
    std::string out, error;
    EXPECT_FALSE(format_calendar(bad, fields_at(0, 480), 480, "+08", out, error)) << bad;
    EXPECT_NE(error.find("invalid conversion specifier '%"), std::string::npos) << bad << ": " << error;
  }
  std::string out, error;
  format_calendar("%Ez", fields_at(0, 480), 480, "+08", out, error);
  EXPECT_EQ(error, "invalid conversion specifier '%Ez'");
  format_calendar("x %q", fields_at(0, 480), 480, "+08", out, error);
  EXPECT_EQ(error, "invalid conversion specifier '%q'");
}
