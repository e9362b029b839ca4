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
  // Cheap to call every loop iteration; pings at half the watchdog interval.
  void alive();
  void stopping();
  // Still starting (waiting for the display): a status line, and `extend` more time before
  // systemd's start timeout, so waiting is not mistaken for a hang.
  void starting(const std::string& status, std::chrono::seconds extend);
  bool watchdog_enabled() const { return interval_.count() > 0; }
  std::chrono::microseconds watchdog_interval() const { return interval_; }

 private:
  std::chrono::microseconds interval_{0};
  std::chrono::steady_clock::time_point last_ping_{};
};

}  // namespace eco
