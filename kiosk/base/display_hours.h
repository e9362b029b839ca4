#pragma once
// When the lobby screen is on: office hours and days ([display] on_hours, on_days) and/or a
// nightly off window (off_hours). Outside them the picture is black and the program sleeps; a
// touch wakes it until idle. The rule alone: app/display_power runs the administrator's commands.
#include <optional>
#include <vector>

#include "base/daily_window.h"
#include "base/iso8601.h"

namespace eco {

struct DisplayHours {
  std::optional<DailyWindow> on_hours;   // on inside, off outside
  std::vector<int> on_days;              // 1 = Monday … 7 = Sunday; empty = every day
  std::optional<DailyWindow> off_hours;  // off inside (kept for older configurations)

  bool scheduled() const { return on_hours || !on_days.empty() || off_hours; }
  bool off_at(const LocalTime& t) const;
  // Whole minutes from `t` until off_at() may change (at least 1).
  int minutes_until_change(const LocalTime& t) const;
};

}  // namespace eco
