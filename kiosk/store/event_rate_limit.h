#pragma once
// How many participation events one plugin may record: a token bucket per plugin, refilled on
// the screen's clock. People at a screen make a few events a minute; a plugin that logs every
// frame would otherwise write a gigabyte an hour and fill the disk for everyone. Events over the
// limit are not recorded; the first refusal of each minute is logged and all are counted.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "base/clock.h"

namespace eco::store {

class EventRateLimit {
 public:
  // `per_minute` events a minute on average, and up to as many at once; 0 = no limit.
  explicit EventRateLimit(int per_minute = 60) : per_minute_(per_minute) {}

  // True when `plugin` may record one more event at `now` (and takes it).
  bool allow(const std::string& plugin, TimePoint now);
  uint64_t refused() const;
  int per_minute() const { return per_minute_; }

 private:
  struct Bucket {
    double tokens = 0;
    TimePoint refilled{};
    TimePoint last_warning{};
    bool warned = false;
  };
  int per_minute_;
  mutable std::mutex mutex_;
  std::map<std::string, Bucket> buckets_;
  uint64_t refused_ = 0;
};

}  // namespace eco::store
