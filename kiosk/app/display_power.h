#pragma once
// Runs the administrator's display power commands ([display] off_command/on_command) where the
// display can really be powered down (X11 DPMS, HDMI-CEC, a compositor tool); when is
// base/display_hours' rule.
#include <string>
#include <vector>

namespace eco {

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
