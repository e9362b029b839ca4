#pragma once
// Showings since the program started, per campaign ("" = none): what /status and /metrics
// report (ecolobby_plays_total). Counted as the render thread queues each play, read by the
// status thread; a short mutex, no I/O.
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace eco {

class PlayCounts {
 public:
  void add(const std::string& campaign) {
    std::lock_guard lock(mutex_);
    ++counts_[campaign];
  }
  std::map<std::string, int64_t> by_campaign() const {
    std::lock_guard lock(mutex_);
    return counts_;
  }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, int64_t> counts_;
};

}  // namespace eco
