#pragma once
// The one clock of the program. Everything that asks "what time is it" asks this, so that
// `--now`, `--time-scale` and headless runs (which step time per frame) are deterministic.
#include <atomic>
#include <chrono>

#include "base/iso8601.h"

namespace eco {

class Clock {
 public:
  enum class Mode { Realtime, Manual };

  // Realtime from the system clock, in China's UTC offset unless told otherwise.
  Clock();
  // Starts at `start`; in Realtime mode, virtual time runs `scale` times as fast as the wall clock.
  Clock(TimePoint start, int utc_offset_minutes, double scale, Mode mode);

  TimePoint now() const;
  // The instant the clock started at: `--now`, or the system time when the program started.
  TimePoint started() const { return start_; }
  LocalTime local_now() const { return to_local(now(), offset_minutes_); }
  int utc_offset_minutes() const { return offset_minutes_; }
  double scale() const { return scale_; }
  Mode mode() const { return mode_; }

  // Manual mode only: moves virtual time forward (headless frames, tests).
  void advance(std::chrono::milliseconds step);
  // Converts a virtual duration into how long to really wait for it.
  std::chrono::milliseconds real_duration(std::chrono::milliseconds virtual_duration) const;

 private:
  using Steady = std::chrono::steady_clock;
  TimePoint start_;
  Steady::time_point real_start_;
  int offset_minutes_ = 480;
  double scale_ = 1.0;
  Mode mode_ = Mode::Realtime;
  std::atomic<int64_t> manual_elapsed_ms_{0};
};

}  // namespace eco
