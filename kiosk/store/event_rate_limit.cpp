#include "store/event_rate_limit.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace eco::store {

bool EventRateLimit::allow(const std::string& plugin, TimePoint now) {
  if (per_minute_ <= 0) return true;
  std::lock_guard lock(mutex_);
  auto [it, added] = buckets_.try_emplace(plugin);
  Bucket& b = it->second;
  if (added) {
    b.tokens = per_minute_;
    b.refilled = now;
  } else if (now > b.refilled) {
    double minutes = std::chrono::duration<double>(now - b.refilled).count() / 60.0;
    b.tokens = std::min<double>(per_minute_, b.tokens + minutes * per_minute_);
    b.refilled = now;
  }
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return true;
  }
  ++refused_;
  if (!b.warned || now - b.last_warning >= std::chrono::minutes(1)) {
    b.warned = true;
    b.last_warning = now;
    spdlog::warn("participation: plugin {} records more than {} events a minute ([store] events_per_minute); "
                 "the events over the limit are not kept",
                 plugin, per_minute_);
  }
  return false;
}

uint64_t EventRateLimit::refused() const {
  std::lock_guard lock(mutex_);
  return refused_;
}

}  // namespace eco::store
