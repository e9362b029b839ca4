#include "app/service_notifier.h"

#include <algorithm>

#ifdef ECOLOBBY_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>
#endif

namespace eco {

ServiceNotifier::ServiceNotifier() {
#ifdef ECOLOBBY_HAVE_SYSTEMD
  uint64_t usec = 0;
  if (sd_watchdog_enabled(0, &usec) > 0) interval_ = std::chrono::microseconds(usec);
#endif
}

void ServiceNotifier::ready([[maybe_unused]] const std::string& status) {
#ifdef ECOLOBBY_HAVE_SYSTEMD
  sd_notifyf(0, "READY=1\nSTATUS=%s", status.c_str());
#endif
}

std::chrono::microseconds ServiceNotifier::ping_spacing(std::chrono::microseconds watchdog) {
  return std::min<std::chrono::microseconds>(std::chrono::milliseconds(500), watchdog / 6);
}

void ServiceNotifier::alive() {
  if (interval_.count() == 0) return;
  auto now = std::chrono::steady_clock::now();
  if (now - last_ping_ < ping_spacing(interval_)) return;
  last_ping_ = now;
#ifdef ECOLOBBY_HAVE_SYSTEMD
  sd_notify(0, "WATCHDOG=1");
#endif
}

void ServiceNotifier::starting([[maybe_unused]] const std::string& status, [[maybe_unused]] std::chrono::seconds extend) {
#ifdef ECOLOBBY_HAVE_SYSTEMD
  sd_notifyf(0, "STATUS=%s\nEXTEND_TIMEOUT_USEC=%lld", status.c_str(),
             static_cast<long long>(std::chrono::duration_cast<std::chrono::microseconds>(extend).count()));
#endif
}

void ServiceNotifier::relay([[maybe_unused]] const std::string& message) {
#ifdef ECOLOBBY_HAVE_SYSTEMD
  sd_notify(0, message.c_str());
#endif
}

void ServiceNotifier::stopping() {
#ifdef ECOLOBBY_HAVE_SYSTEMD
  sd_notify(0, "STOPPING=1");
#endif
}

}  // namespace eco
