#pragma once
// When the lobby screen is on: office hours and days ([display] on_hours, on_days) and/or a
// nightly off window (off_hours). Outside them the picture is black and the program sleeps; a
// touch wakes it until idle. Where the display can really be powered down (X11 DPMS, HDMI-CEC, a
// compositor tool), the administrator's off_command/on_command run at each change.
#include <optional>
#include <string>
#include <vector>

#include "app/daily_window.h"
#include "app/iso8601.h"

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

// Runs the administrator's power commands through /bin/sh without waiting for them; each is
// reaped and its failure logged on a later call. Never blocks the frame loop.
class DisplayPowerCommands {
 public:
  DisplayPowerCommands(std::string off_command, std::string on_command)
      : off_(std::move(off_command)), on_(std::move(on_command)) {}
  ~DisplayPowerCommands();
  void switched(bool off);
  void reap();

 private:
  std::string off_, on_;
  struct Child {
    int pid;
    std::string command;
  };
  std::vector<Child> running_;
};

}  // namespace eco
