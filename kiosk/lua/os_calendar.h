#pragma once
// The calendar behind the plugins' os.time and os.date: what the Lua 5.4 manual documents, on
// the screen's clock and its fixed UTC offset rather than the C library's TZ (which the kiosk
// never sets and which would differ between a developer's laptop and the lobby). Pure functions;
// tests compare them with the C library's mktime and strftime under the same fixed TZ.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace eco::lua {

// Years 1 to 9999, what the calendar code and std::chrono handle.
constexpr int64_t kMinCalendarSeconds = -62135596800;  // 0001-01-01T00:00:00Z
constexpr int64_t kMaxCalendarSeconds = 253402300799;  // 9999-12-31T23:59:59Z

// struct tm's fields, as os.date("*t") returns them (month 1-12, wday 1 = Sunday, yday 1 = Jan 1).
struct CalendarFields {
  int64_t year = 1970, month = 1, day = 1, hour = 12, min = 0, sec = 0;
  int wday = 5, yday = 1;
};

// os.time{...}: fields out of their ranges carry over like mktime's (month 13 is January of the
// next year, day 0 the last day of the month before, sec -10 ten seconds earlier). nullopt when
// the result falls outside years 1-9999. The screen has no summer time: isdst changes nothing.
std::optional<int64_t> seconds_from_fields(const CalendarFields& f, int offset_minutes);
// The broken-down time of `seconds` at `offset_minutes` east of UTC.
CalendarFields fields_at(int64_t seconds, int offset_minutes);

// strftime with every conversion C99 defines (including the E and O modifiers), in the "C"
// locale. `zone` is what %Z prints. Returns false with `error` naming the first conversion that
// is not C99 (a glibc extension such as %k, or a stray % at the end).
bool format_calendar(std::string_view format, const CalendarFields& f, int offset_minutes, std::string_view zone,
                     std::string& out, std::string& error);
// %Z of a fixed offset, as tzdata names such zones: "+08", "+0530", "UTC".
std::string zone_name(int offset_minutes);

}  // namespace eco::lua
