#include "app/frame_stats.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <fstream>

namespace eco {

void FrameHistogram::record(double ms) {
  for (size_t i = 0; i < kUpperMs.size(); ++i)
    if (ms <= kUpperMs[i]) ++cumulative[i];
  ++count;
  sum_ms += ms;
}

void FrameStats::record(double ms, std::chrono::steady_clock::time_point at) {
  histogram_.record(ms);
  times_.push_back(ms);
  stamps_.push_back(at);
  if (times_.size() > 600) times_.pop_front();
  while (!stamps_.empty() && at - stamps_.front() > std::chrono::seconds(1)) stamps_.pop_front();
  ++total_;
}

double FrameStats::percentile(double p) const {
  if (times_.empty()) return 0;
  std::vector<double> sorted(times_.begin(), times_.end());
  std::sort(sorted.begin(), sorted.end());
  size_t index = static_cast<size_t>(std::ceil(p / 100.0 * sorted.size())) - 1;
  return sorted[std::min(index, sorted.size() - 1)];
}

double FrameStats::fps(std::chrono::steady_clock::time_point now) const {
  return static_cast<double>(std::count_if(stamps_.begin(), stamps_.end(),
                                           [&](auto t) { return now - t <= std::chrono::seconds(1); }));
}

void FrameStats::drawn(std::chrono::steady_clock::time_point at) {
  drawn_.push_back(at);
  while (!drawn_.empty() && at - drawn_.front() > std::chrono::minutes(1)) drawn_.pop_front();
}

size_t FrameStats::frames_last_minute(std::chrono::steady_clock::time_point now) const {
  return static_cast<size_t>(
      std::count_if(drawn_.begin(), drawn_.end(), [&](auto t) { return now - t <= std::chrono::minutes(1); }));
}

double resident_memory_mb() {
  std::ifstream statm("/proc/self/statm");
  long pages_total = 0, pages_resident = 0;
  statm >> pages_total >> pages_resident;
  return pages_resident * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

}  // namespace eco
