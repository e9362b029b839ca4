#include "base/clock.h"

#include <cmath>

namespace eco {

Clock::Clock()
    : start_(std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now())),
      real_start_(Steady::now()) {}

Clock::Clock(TimePoint start, int utc_offset_minutes, double scale, Mode mode)
    : start_(start), real_start_(Steady::now()), offset_minutes_(utc_offset_minutes), scale_(scale), mode_(mode) {}

TimePoint Clock::now() const {
  using namespace std::chrono;
  if (mode_ == Mode::Manual) return start_ + milliseconds{manual_elapsed_ms_.load(std::memory_order_relaxed)};
  auto real = duration_cast<duration<double, std::milli>>(Steady::now() - real_start_).count();
  return start_ + milliseconds{static_cast<int64_t>(std::llround(real * scale_))};
}

void Clock::advance(std::chrono::milliseconds step) {
  if (mode_ == Mode::Manual) manual_elapsed_ms_.fetch_add(step.count(), std::memory_order_relaxed);
}

std::chrono::milliseconds Clock::real_duration(std::chrono::milliseconds virtual_duration) const {
  if (mode_ == Mode::Manual || scale_ <= 0) return std::chrono::milliseconds{0};
  return std::chrono::milliseconds{static_cast<int64_t>(std::ceil(virtual_duration.count() / scale_))};
}

}  // namespace eco
