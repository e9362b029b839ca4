#include "base/daily_window.h"

#include <charconv>
#include <cstdio>

namespace eco {
namespace {
std::optional<int> parse_hhmm(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  auto colon = s.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  int h = -1, m = -1;
  auto hs = s.substr(0, colon), ms = s.substr(colon + 1);
  if (hs.empty() || hs.size() > 2 || ms.size() != 2) return std::nullopt;
  if (std::from_chars(hs.data(), hs.data() + hs.size(), h).ec != std::errc{}) return std::nullopt;
  if (std::from_chars(ms.data(), ms.data() + ms.size(), m).ec != std::errc{}) return std::nullopt;
  if (h == 24 && m == 0) return 24 * 60;
  if (h < 0 || h > 23 || m < 0 || m > 59) return std::nullopt;
  return h * 60 + m;
}
}  // namespace

bool DailyWindow::contains(int minute) const {
  if (start_minute == end_minute) return true;
  if (start_minute < end_minute) return minute >= start_minute && minute < end_minute;
  return minute >= start_minute || minute < end_minute;
}

int DailyWindow::minutes_until_change(int minute) const {
  if (start_minute == end_minute) return 24 * 60;
  int target = contains(minute) ? end_minute : start_minute;
  int delta = (target - minute + 24 * 60) % (24 * 60);
  return delta == 0 ? 24 * 60 : delta;
}

std::string DailyWindow::to_string() const {
  char buf[48];
  std::snprintf(buf, sizeof buf, "%02d:%02d-%02d:%02d", start_minute / 60, start_minute % 60, end_minute / 60,
                end_minute % 60);
  return buf;
}

std::optional<DailyWindow> parse_daily_window(std::string_view text) {
  for (std::string_view sep : {"-", "~", "\xE2\x80\x93"}) {
    auto pos = text.find(sep);
    if (pos == std::string_view::npos) continue;
    auto a = parse_hhmm(text.substr(0, pos));
    auto b = parse_hhmm(text.substr(pos + sep.size()));
    if (!a || !b) return std::nullopt;
    return DailyWindow{*a % (24 * 60), *b % (24 * 60)};
  }
  return std::nullopt;
}

}  // namespace eco
