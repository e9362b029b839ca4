// The watchdog's rhythm: half a second between pings at most for systemd's WatchdogSec=30 (the
// loop turns at least once a second, so a ping every 0.5-1 s), a sixth of a short watchdog.
#include "app/service_notifier.h"

#include <gtest/gtest.h>

using namespace std::chrono;
using eco::ServiceNotifier;

TEST(ServiceNotifier, PingsFarMoreOftenThanTheWatchdogExpires) {
  EXPECT_EQ(ServiceNotifier::ping_spacing(seconds(30)), milliseconds(500));
  EXPECT_EQ(ServiceNotifier::ping_spacing(seconds(3)), milliseconds(500));
  EXPECT_EQ(ServiceNotifier::ping_spacing(milliseconds(1200)), milliseconds(200));
  EXPECT_EQ(ServiceNotifier::ping_spacing(microseconds(200000)), microseconds(33333));
}
