#pragma once
// A time-of-day window such as "20:00-07:00" (may wrap past midnight), for dayparts,
// display off hours and meal windows.
#include <optional>
#include <string>
#include <string_view>

namespace eco {

struct DailyWindow {
  int start_minute = 0;  // minutes after local midnight, inclusive
  int end_minute = 0;    // exclusive; end < start wraps past midnight; end == start is all day
  bool contains(int minute_of_day) const;
  // Minutes from `minute_of_day` until the window next opens or closes.
  int minutes_until_change(int minute_of_day) const;
  std::string to_string() const;
};

// "HH:MM-HH:MM" (also accepts "–" and "~"); nullopt on anything else.
std::optional<DailyWindow> parse_daily_window(std::string_view text);

}  // namespace eco
