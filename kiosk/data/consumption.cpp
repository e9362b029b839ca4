#include "data/consumption.h"

#include <algorithm>

#include <fmt/format.h>

#include "app/iso8601.h"

namespace eco::data {
namespace {

constexpr int64_t kClockSkew = 300;
constexpr double kAbsurdFactor = 100;
constexpr size_t kMinForMedian = 8;  // fewer intervals say too little about what is normal

std::string when(int64_t ts, int offset) {
  return format_iso8601(from_unix_seconds(ts), offset);
}

class MeterIngest {
 public:
  MeterIngest(Feed& feed, uint32_t meter, int64_t now)
      : feed_(feed), meter_(feed.meters[meter]), offset_(feed.buildings[meter_.building].utc_offset_minutes), now_(now) {}

  MeterSeries run(const Reading* first, const Reading* last) {
    MeterSeries series;
    const Reading* previous = nullptr;
    for (const Reading* r = first; r != last; ++r) {
      if (r->ts > now_ + kClockSkew) {
        report_once(future_, *r, fmt::format("reading at {} is in the future; left out", when(r->ts, offset_)));
        continue;
      }
      if (previous && r->ts == previous->ts) {
        std::string what = r->value == previous->value ? "duplicate reading at {}; the first is kept"
                                                       : "two different readings at {}; the first is kept";
        report_once(duplicate_, *r, fmt::format(fmt::runtime(what), when(r->ts, offset_)));
        continue;
      }
      add(series, previous, *r);
      previous = r;
    }
    drop_absurd(series);
    series.last_end = series.intervals.empty() ? 0 : series.intervals.back().end;
    return series;
  }

 private:
  void add(MeterSeries& series, const Reading* previous, const Reading& r) {
    if (r.quality == Quality::Missing) return;
    Interval i;
    i.end = r.ts;
    i.position = r.position;
    i.estimated = r.quality == Quality::Estimated;
    if (meter_.mode == MeterMode::Cumulative) {
      if (!previous || previous->quality == Quality::Missing) return;  // a register needs two readings
      i.start = previous->ts;
      i.quantity = r.value - previous->value;
      if (i.quantity < 0) {
        problem(r, fmt::format("register went back from {} to {} at {} (meter replaced or rolled over); that interval is left out",
                               previous->value / meter_.unit_scale, r.value / meter_.unit_scale, when(r.ts, offset_)));
        return;
      }
      i.estimated = i.estimated || previous->quality == Quality::Estimated;
    } else {
      i.quantity = r.value;
      if (r.start) i.start = r.start;
      else if (meter_.interval_s > 0) i.start = r.ts - meter_.interval_s;
      else if (previous) i.start = previous->ts;
      else return;  // the first interval reading's span is unknown without interval_s
      if (!series.intervals.empty()) i.start = std::max(i.start, series.intervals.back().end);
      if (i.start >= i.end) return;
    }
    series.intervals.push_back(i);
  }

  // Rates rather than quantities: a daily history and a 15-minute day mix in one meter.
  void drop_absurd(MeterSeries& series) {
    if (series.intervals.size() < kMinForMedian) return;
    std::vector<double> rates;
    rates.reserve(series.intervals.size());
    for (const auto& i : series.intervals)
      if (i.quantity > 0) rates.push_back(i.quantity / static_cast<double>(i.end - i.start));
    if (rates.size() < kMinForMedian) return;
    auto mid = rates.begin() + static_cast<long>(rates.size() / 2);
    std::nth_element(rates.begin(), mid, rates.end());
    double limit = *mid * kAbsurdFactor;
    size_t dropped = 0;
    std::erase_if(series.intervals, [&](const Interval& i) {
      bool absurd = i.quantity / static_cast<double>(i.end - i.start) > limit;
      if (absurd && dropped++ == 0)
        feed_.problem(fmt::format("{}:{} meter '{}'", feed_.source, i.position, meter_.id),
                      fmt::format("consumption of {:.6g} {} ending {} is over {}× the meter's median; left out",
                                  i.quantity / meter_.unit_scale, meter_.unit, when(i.end, offset_), kAbsurdFactor));
      return absurd;
    });
    if (dropped > 1)
      feed_.problem(fmt::format("{} meter '{}'", feed_.source, meter_.id), fmt::format("{} absurd intervals left out in all", dropped));
  }

  void problem(const Reading& r, std::string what) {
    feed_.problem(fmt::format("{}:{} meter '{}'", feed_.source, r.position, meter_.id), std::move(what));
  }
  // Many duplicates or future readings of one meter are one problem, not thousands.
  void report_once(size_t& count, const Reading& r, std::string what) {
    if (count++ == 0) problem(r, std::move(what));
  }

  Feed& feed_;
  const Meter& meter_;
  int offset_;
  int64_t now_;
  size_t future_ = 0, duplicate_ = 0;
};

}  // namespace

std::vector<MeterSeries> build_consumption(Feed& feed, int64_t now) {
  auto by_meter_then_time = [](const Reading& a, const Reading& b) {
    return a.meter != b.meter ? a.meter < b.meter : a.ts < b.ts;
  };
  // Feeds are usually written meter by meter in time order; sorting is only paid when not.
  if (!std::is_sorted(feed.readings.begin(), feed.readings.end(), by_meter_then_time))
    std::stable_sort(feed.readings.begin(), feed.readings.end(), by_meter_then_time);

  std::vector<MeterSeries> series(feed.meters.size());
  const Reading* r = feed.readings.data();
  const Reading* end = r + feed.readings.size();
  while (r != end) {
    const Reading* group_end = r;
    while (group_end != end && group_end->meter == r->meter) ++group_end;
    series[r->meter] = MeterIngest(feed, r->meter, now).run(r, group_end);
    r = group_end;
  }
  return series;
}

}  // namespace eco::data
