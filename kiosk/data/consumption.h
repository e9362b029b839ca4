#pragma once
// From readings to consumption: each meter's readings become intervals of known consumption.
// Cumulative registers give the difference of consecutive readings; interval readings cover
// from the previous reading (or interval_s) to their own time. Whatever cannot be trusted is
// dropped and reported, never turned into negative or absurd consumption: registers that go
// back (meter replaced or rolled over), duplicates, readings from the future, and values over
// 100× the meter's median rate.
#include <cstdint>
#include <vector>

#include "data/feed.h"

namespace eco::data {

struct Interval {
  int64_t start = 0, end = 0;  // UTC seconds, end > start
  double quantity = 0;         // in the energy's base unit (kWh, m3, kg, MJ)
  bool estimated = false;
  uint32_t position = 0;  // source line of the reading that ends it, for messages
};

struct MeterSeries {
  std::vector<Interval> intervals;  // sorted by start, not overlapping
  int64_t last_end = 0;             // end of the newest interval (0 = none)
};

// One series per feed.meters entry. Sorts feed.readings and adds problems to feed.problems.
// Readings after `now` (plus 5 minutes of clock skew) are treated as from the future.
std::vector<MeterSeries> build_consumption(Feed& feed, int64_t now);

}  // namespace eco::data
