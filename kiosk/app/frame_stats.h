#pragma once
// Frame-time percentiles, frames per second and resident memory, for the admin overlay,
// the status report and the benchmarks.
#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <vector>

namespace eco {

// Every timed frame since the start, in Prometheus's cumulative buckets (/metrics
// ecolobby_frame_seconds): a fixed array of counters, so recording costs the frame nothing and
// the status publisher copies it once a second.
struct FrameHistogram {
  static constexpr std::array<double, 9> kUpperMs{4, 8, 16, 33, 50, 100, 250, 500, 1000};
  std::array<uint64_t, kUpperMs.size()> cumulative{};  // frames of at most kUpperMs[i]
  uint64_t count = 0;                                  // every frame (the +Inf bucket)
  double sum_ms = 0;
  void record(double ms);
};

class FrameStats {
 public:
  void record(double frame_ms, std::chrono::steady_clock::time_point at);
  double percentile(double p) const;  // of the last 600 frames, in ms
  double fps(std::chrono::steady_clock::time_point now) const;  // frames in the last second
  // Every frame drawn, the first (not timed, it builds the font atlas) included.
  void drawn(std::chrono::steady_clock::time_point at);
  // Frames drawn in the last minute: what the status endpoint reports, since a screen that draws
  // only when the picture changes has an fps of 0 most seconds and is perfectly well.
  size_t frames_last_minute(std::chrono::steady_clock::time_point now) const;
  size_t frames() const { return total_; }
  const FrameHistogram& histogram() const { return histogram_; }

 private:
  std::deque<double> times_;
  std::deque<std::chrono::steady_clock::time_point> stamps_, drawn_;
  size_t total_ = 0;
  FrameHistogram histogram_;
};

// Resident set size of this process in MB (from /proc/self/statm).
double resident_memory_mb();

}  // namespace eco
