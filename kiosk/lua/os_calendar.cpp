#include "lua/os_calendar.h"

#include <chrono>
#include <cstdio>
#include <cstring>

#include "base/iso8601.h"

namespace eco::lua {
namespace {

int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// 52 or 53: a year has 53 ISO weeks when it starts on a Thursday, or on a Wednesday in a leap year.
int iso_weeks_in(int64_t y) {
  auto p = [](int64_t x) { return (x + x / 4 - x / 100 + x / 400) % 7; };
  return 52 + (p(y) == 4 || p(y - 1) == 3 ? 1 : 0);
}

// ISO 8601 week and its year (%V, %G): weeks start on Monday; week 1 holds the year's first Thursday.
void iso_week(const CalendarFields& f, int64_t& year, int& week) {
  int iso_weekday = f.wday == 1 ? 7 : f.wday - 1;
  week = (f.yday - iso_weekday + 10) / 7;
  year = f.year;
  if (week < 1) {
    year = f.year - 1;
    week = iso_weeks_in(year);
  } else if (week > iso_weeks_in(f.year)) {
    year = f.year + 1;
    week = 1;
  }
}

const char* const kDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                               "July",    "August",   "September", "October", "November", "December"};

struct Formatter {
  const CalendarFields& f;
  int offset;
  std::string_view zone;
  std::string& out;

  void number(const char* spec, long long v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, spec, v);
    out += buf;
  }
  void text(const char* s, size_t n = std::string::npos) { out.append(s, n == std::string::npos ? std::strlen(s) : n); }

  // One conversion (modifiers already checked); composite ones expand through run().
  void convert(char c) {
    int wday0 = f.wday - 1, yday0 = f.yday - 1;
    switch (c) {
      case 'a': return text(kDays[wday0], 3);
      case 'A': return text(kDays[wday0]);
      case 'b': case 'h': return text(kMonths[f.month - 1], 3);
      case 'B': return text(kMonths[f.month - 1]);
      case 'c': return run("%a %b %e %H:%M:%S %Y");
      case 'C': return number("%02lld", static_cast<long long>(f.year / 100));
      case 'd': return number("%02lld", static_cast<long long>(f.day));
      case 'D': case 'x': return run("%m/%d/%y");
      case 'e': return number("%2lld", static_cast<long long>(f.day));
      case 'F': return run("%Y-%m-%d");
      case 'g': case 'G': case 'V': {
        int64_t year = 0;
        int week = 0;
        iso_week(f, year, week);
        if (c == 'V') return number("%02lld", week);
        return c == 'G' ? number("%lld", static_cast<long long>(year)) : number("%02lld", static_cast<long long>(year % 100));
      }
      case 'H': return number("%02lld", static_cast<long long>(f.hour));
      case 'I': return number("%02lld", static_cast<long long>(f.hour % 12 == 0 ? 12 : f.hour % 12));
      case 'j': return number("%03lld", f.yday);
      case 'm': return number("%02lld", static_cast<long long>(f.month));
      case 'M': return number("%02lld", static_cast<long long>(f.min));
      case 'n': return text("\n");
      case 'p': return text(f.hour < 12 ? "AM" : "PM");
      case 'r': return run("%I:%M:%S %p");
      case 'R': return run("%H:%M");
      case 'S': return number("%02lld", static_cast<long long>(f.sec));
      case 't': return text("\t");
      case 'T': case 'X': return run("%H:%M:%S");
      case 'u': return number("%lld", wday0 == 0 ? 7 : wday0);
      case 'U': return number("%02lld", (yday0 + 7 - wday0) / 7);
      case 'w': return number("%lld", wday0);
      case 'W': return number("%02lld", (yday0 + 7 - (wday0 + 6) % 7) / 7);
      case 'y': return number("%02lld", static_cast<long long>(f.year % 100));
      case 'Y': return number("%lld", static_cast<long long>(f.year));
      case 'z': {
        int off = offset < 0 ? -offset : offset;
        char buf[16];
        std::snprintf(buf, sizeof buf, "%c%02d%02d", offset < 0 ? '-' : '+', off / 60, off % 60);
        return text(buf);
      }
      case 'Z': return out.append(zone), void();
      case '%': return text("%");
    }
  }

  // Our own expansions only: every conversion in them is known.
  void run(std::string_view fmt) {
    for (size_t i = 0; i < fmt.size(); ++i) {
      if (fmt[i] == '%') convert(fmt[++i]);
      else out += fmt[i];
    }
  }
};

// C99's conversions, and the ones the E and O modifiers may precede (Lua 5.4's L_STRFTIMEC99).
constexpr std::string_view kPlain = "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%";
constexpr std::string_view kWithE = "cCxXyY";
constexpr std::string_view kWithO = "deHImMSuUVwWy";

}  // namespace

__extension__ typedef __int128 Wide;  // GCC and Clang's; __extension__ keeps -Wpedantic quiet

std::optional<int64_t> seconds_from_fields(const CalendarFields& f, int offset_minutes) {
  // Months carry into years first (mktime does the same), then everything else is a count of
  // days and seconds from the first of that month.
  // In 128 bits: a plugin may pass any 64-bit integers ({day = 2^62}), and their sums and
  // products must be judged out of range, not overflow.
  const Wide month0 = Wide{f.month} - 1;
  const Wide carry = month0 >= 0 ? month0 / 12 : -((-month0 + 11) / 12);
  const Wide year = Wide{f.year} + carry;
  const Wide month = month0 - carry * 12 + 1;
  if (year < -30000 || year > 30000) return std::nullopt;  // far outside; keeps std::chrono in range
  const Wide days = Wide{days_from_civil(static_cast<int>(year), static_cast<int>(month), 1)} + (Wide{f.day} - 1);
  const Wide s = days * 86400 + Wide{f.hour} * 3600 + Wide{f.min} * 60 + Wide{f.sec} - Wide{offset_minutes} * 60;
  if (s < kMinCalendarSeconds || s > kMaxCalendarSeconds) return std::nullopt;
  return static_cast<int64_t>(s);
}

CalendarFields fields_at(int64_t seconds, int offset_minutes) {
  using namespace std::chrono;
  int64_t local = seconds + int64_t{offset_minutes} * 60;
  int64_t days = floor_div(local, 86400), rest = local - days * 86400;
  year_month_day ymd{sys_days{std::chrono::days{days}}};
  CalendarFields f;
  f.year = static_cast<int>(ymd.year());
  f.month = static_cast<unsigned>(ymd.month());
  f.day = static_cast<unsigned>(ymd.day());
  f.hour = rest / 3600;
  f.min = rest / 60 % 60;
  f.sec = rest % 60;
  f.wday = static_cast<int>(((days + 4) % 7 + 7) % 7) + 1;  // 1970-01-01 was a Thursday
  f.yday = static_cast<int>(days - days_from_civil(static_cast<int>(f.year), 1, 1)) + 1;
  return f;
}

bool format_calendar(std::string_view format, const CalendarFields& f, int offset_minutes, std::string_view zone,
                     std::string& out, std::string& error) {
  Formatter fmt{f, offset_minutes, zone, out};
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      out += format[i];
      continue;
    }
    char c = i + 1 < format.size() ? format[i + 1] : '\0';
    std::string_view allowed = c == 'E' ? kWithE : c == 'O' ? kWithO : kPlain;
    size_t len = c == 'E' || c == 'O' ? 3 : 2;  // the conversion with its modifier
    char conversion = len == 3 ? (i + 2 < format.size() ? format[i + 2] : '\0') : c;
    if (conversion == '\0' || allowed.find(conversion) == std::string_view::npos) {
      error = "invalid conversion specifier '" + std::string(format.substr(i, std::min(len, format.size() - i))) + "'";
      return false;
    }
    fmt.convert(conversion);
    i += len - 1;
  }
  return true;
}

std::string zone_name(int offset_minutes) {
  if (offset_minutes == 0) return "UTC";
  int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[16];
  if (off % 60) std::snprintf(buf, sizeof buf, "%c%02d%02d", offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  else std::snprintf(buf, sizeof buf, "%c%02d", offset_minutes < 0 ? '-' : '+', off / 60);
  return buf;
}

}  // namespace eco::lua
