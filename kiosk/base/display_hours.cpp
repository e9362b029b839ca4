#include "base/display_hours.h"

#include <algorithm>

namespace eco {

bool DisplayHours::off_at(const LocalTime& t) const {
  int m = t.minutes_of_day();
  if (off_hours && off_hours->contains(m)) return true;
  if (!on_days.empty() && std::find(on_days.begin(), on_days.end(), t.weekday) == on_days.end()) return true;
  return on_hours && !on_hours->contains(m);
}

int DisplayHours::minutes_until_change(const LocalTime& t) const {
  int m = t.minutes_of_day();
  int next = 24 * 60 - m;  // the day changes at midnight (on_days)
  for (const auto* window : {&on_hours, &off_hours})
    if (*window) next = std::min(next, (*window)->minutes_until_change(m));
  return std::max(next, 1);
}

}  // namespace eco
