#include "base/iso8601.h"

#include <charconv>
#include <cstdio>

namespace eco {
namespace {

bool read_int(std::string_view s, size_t pos, size_t len, int& out) {
  if (pos + len > s.size()) return false;
  for (size_t i = pos; i < pos + len; ++i)
    if (s[i] < '0' || s[i] > '9') return false;
  return std::from_chars(s.data() + pos, s.data() + pos + len, out).ec == std::errc{};
}

bool valid_date(int y, int m, int d) {
  using namespace std::chrono;
  return year_month_day{year{y}, month{static_cast<unsigned>(m)}, day{static_cast<unsigned>(d)}}.ok();
}

}  // namespace

int64_t days_from_civil(int y, int m, int d) {
  using namespace std::chrono;
  return sys_days{year{y} / month{static_cast<unsigned>(m)} / day{static_cast<unsigned>(d)}}.time_since_epoch().count();
}

int64_t LocalTime::day_number() const { return days_from_civil(year, month, day); }

std::optional<int> parse_utc_offset(std::string_view s) {
  if (s == "Z" || s == "z") return 0;
  int h = 0, m = 0;
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return std::nullopt;
  if (!read_int(s, 1, 2, h) || !read_int(s, 4, 2, m) || h > 14 || m > 59) return std::nullopt;
  int minutes = h * 60 + m;
  return s[0] == '-' ? -minutes : minutes;
}

std::optional<int64_t> parse_date(std::string_view s) {
  int y = 0, mo = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  if (!read_int(s, 0, 4, y) || !read_int(s, 5, 2, mo) || !read_int(s, 8, 2, d)) return std::nullopt;
  if (!valid_date(y, mo, d)) return std::nullopt;
  return days_from_civil(y, mo, d);
}

std::optional<ZonedTime> parse_iso8601(std::string_view s, int default_offset_minutes) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, ms = 0;
  if (s.size() < 16 || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') || s[13] != ':')
    return std::nullopt;
  if (!read_int(s, 0, 4, y) || !read_int(s, 5, 2, mo) || !read_int(s, 8, 2, d) || !read_int(s, 11, 2, h) ||
      !read_int(s, 14, 2, mi))
    return std::nullopt;
  size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!read_int(s, pos + 1, 2, sec)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      size_t start = ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;
      std::string digits(s.substr(start, std::min<size_t>(pos - start, 3)));
      while (digits.size() < 3) digits += '0';
      ms = std::stoi(digits);
    }
  }
  if (!valid_date(y, mo, d) || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  int offset = default_offset_minutes;
  if (pos < s.size()) {
    auto parsed = parse_utc_offset(s.substr(pos));
    if (!parsed) return std::nullopt;
    offset = *parsed;
  }
  TimePoint t = from_local(y, mo, d, h, mi, sec, offset) + std::chrono::milliseconds(ms);
  return ZonedTime{t, offset};
}

TimePoint from_local(int y, int mo, int d, int h, int mi, int sec, int offset_minutes) {
  using namespace std::chrono;
  int64_t days = days_from_civil(y, mo, d);
  int64_t seconds = days * 86400 + h * 3600 + mi * 60 + sec - int64_t{offset_minutes} * 60;
  return TimePoint{milliseconds{seconds * 1000}};
}

LocalTime to_local(TimePoint t, int offset_minutes) {
  using namespace std::chrono;
  auto local_ms = t.time_since_epoch() + minutes{offset_minutes};
  auto days = floor<std::chrono::days>(local_ms);
  year_month_day ymd{sys_days{days}};
  auto rest = local_ms - days;
  LocalTime lt;
  lt.year = static_cast<int>(ymd.year());
  lt.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
  lt.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
  lt.weekday = static_cast<int>(weekday{sys_days{days}}.iso_encoding());
  auto total_ms = duration_cast<milliseconds>(rest).count();
  lt.hour = static_cast<int>(total_ms / 3'600'000);
  lt.minute = static_cast<int>(total_ms / 60'000 % 60);
  lt.second = static_cast<int>(total_ms / 1000 % 60);
  lt.millisecond = static_cast<int>(total_ms % 1000);
  return lt;
}

std::string format_iso8601(TimePoint t, int offset_minutes) {
  LocalTime lt = to_local(t, offset_minutes);
  int off = offset_minutes < 0 ? -offset_minutes : offset_minutes;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", lt.year, lt.month, lt.day, lt.hour,
                lt.minute, lt.second, offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

std::string format_date(int64_t day_number) {
  using namespace std::chrono;
  year_month_day ymd{sys_days{days{day_number}}};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return buf;
}

}  // namespace eco
