#pragma once
// Timestamps as the feeds, the CLI and the logs write them: "2026-06-24T10:00:00+08:00".
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace eco {

using TimePoint = std::chrono::sys_time<std::chrono::milliseconds>;

struct ZonedTime {
  TimePoint utc;          // the instant
  int offset_minutes = 0; // the writer's UTC offset (+480 for China)
};

// Broken-down local time for display and schedule rules.
struct LocalTime {
  int year = 1970, month = 1, day = 1;  // month 1..12
  int weekday = 4;                      // 1 = Monday .. 7 = Sunday (ISO 8601)
  int hour = 0, minute = 0, second = 0, millisecond = 0;
  int minutes_of_day() const { return hour * 60 + minute; }
  // Days since 1970-01-01 of the local date; handy for streaks and date windows.
  int64_t day_number() const;
};

// Parses "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM)"; a missing offset means default_offset_minutes.
std::optional<ZonedTime> parse_iso8601(std::string_view text, int default_offset_minutes = 480);
// Parses "YYYY-MM-DD" into a day number (days since 1970-01-01).
std::optional<int64_t> parse_date(std::string_view text);
// Parses "+08:00" / "-05:30" / "Z".
std::optional<int> parse_utc_offset(std::string_view text);

LocalTime to_local(TimePoint t, int offset_minutes);
// Whole seconds since 1970 (UTC), the unit feeds and figures count in, and back.
inline int64_t unix_seconds(TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}
inline TimePoint from_unix_seconds(int64_t s) { return TimePoint(std::chrono::seconds(s)); }
TimePoint from_local(int year, int month, int day, int hour, int minute, int second, int offset_minutes);
std::string format_iso8601(TimePoint t, int offset_minutes);   // 2026-06-24T10:00:00+08:00
std::string format_date(int64_t day_number);                   // 2026-06-24
int64_t days_from_civil(int year, int month, int day);

}  // namespace eco
