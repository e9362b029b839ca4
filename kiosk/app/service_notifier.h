#pragma once
// Tells systemd how the screen is doing (sd_notify): READY once the first frame is on screen,
// WATCHDOG from the frame loop (so a frozen loop is restarted), STOPPING on the way out.
// Does nothing when not started by systemd.
#include <chrono>
#include <string>

namespace eco {

class ServiceNotifier {
 public:
  ServiceNotifier();
  void ready(const std::string& status);
  // Cheap to call every loop iteration. Pings at most every ping_spacing(); the loop turns at
  // least once a second, so systemd hears from a running loop every 0.5–1 s (WatchdogSec=30).
  void alive();
  void stopping();
  // Still starting (waiting for the display): a status line, and `extend` more time before
  // systemd's start timeout, so waiting is not mistaken for a hang.
  void starting(const std::string& status, std::chrono::seconds extend);
  bool watchdog_enabled() const { return interval_.count() > 0; }
  std::chrono::microseconds watchdog_interval() const { return interval_; }
  // The least time between two pings: half a second, or a sixth of WatchdogSec when that is
  // shorter, so a ping is never late by more than one turn of the loop. (Half of WatchdogSec, as
  // sd_watchdog_enabled suggests, let a 30 s watchdog hear from the screen only every ~15 s.)
  static std::chrono::microseconds ping_spacing(std::chrono::microseconds watchdog);
  // Sends `message` (newline-separated KEY=VALUE lines) as this process's own: how the session's
  // main process passes on its client's messages (app/session_command.h).
  static void relay(const std::string& message);

 private:
  std::chrono::microseconds interval_{0};
  std::chrono::steady_clock::time_point last_ping_{};
};

}  // namespace eco
