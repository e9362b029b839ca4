#include "data/consumption.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

#include "base/iso8601.h"

namespace eco::data {
namespace {

constexpr int64_t kClockSkew = 300;
constexpr double kAbsurdFactor = 100;
constexpr size_t kMinForMedian = 8;  // fewer intervals say too little about what is normal
// What no institution uses in an hour, in any energy's base unit (kWh, m3, kg, MJ): a 1 GW
// building, a river of water. It judges the meters the median cannot (a new meter, one reading),
// and keeps every figure built from the rest finite, whatever factor and sum follow.
constexpr double kCeilingPerHour = 1e6;
constexpr double kCeilingPerSecond = kCeilingPerHour / 3600;

std::string when(int64_t ts, int offset) {
  return format_iso8601(from_unix_seconds(ts), offset);
}

class MeterIngest {
 public:
  MeterIngest(Feed& feed, uint32_t meter, int64_t now)
      : feed_(feed), meter_(feed.meters[meter]), offset_(feed.buildings[meter_.building].utc_offset_minutes), now_(now) {}

  // Absurd readings are refused and the series is built again without them, as if they had never
  // been sent: a good reading next to an absurd one keeps its own interval (or reaches back to
  // the last accepted reading) instead of being cut short and dropped with it.
  MeterSeries run(const Reading* first, const Reading* last) {
    std::vector<const Reading*> accepted;
    for (const Reading* r = first; r != last; ++r) {
      if (r->ts > now_ + kClockSkew) {
        report_once(future_, *r, fmt::format("reading at {} is in the future; left out", when(r->ts, offset_)));
        continue;
      }
      if (!accepted.empty() && r->ts == accepted.back()->ts) {
        std::string what = r->value == accepted.back()->value ? "duplicate reading at {}; the first is kept"
                                                              : "two different readings at {}; the first is kept";
        report_once(duplicate_, *r, fmt::format(fmt::runtime(what), when(r->ts, offset_)));
        continue;
      }
      accepted.push_back(r);
    }
    Built series = build(accepted);
    std::optional<double> median_limit = absurd_rate(series);
    double limit = std::min(median_limit.value_or(kCeilingPerSecond), kCeilingPerSecond);
    if (std::any_of(series.intervals.begin(), series.intervals.end(), [&](const Interval& i) { return rate(i) > limit; }))
      series = without_absurd(accepted, limit, limit < kCeilingPerSecond);
    for (auto& [r, what] : series.went_back) problem(*r, std::move(what));
    series.last_end = series.intervals.empty() ? 0 : series.intervals.back().end;
    return series;
  }

 private:
  struct Built : MeterSeries {
    std::vector<const Reading*> ends;  // the reading that ends each interval
    std::vector<std::pair<const Reading*, std::string>> went_back;  // reported for the final build only
  };

  Built build(const std::vector<const Reading*>& readings) {
    Built series;
    const Reading* previous = nullptr;
    for (const Reading* r : readings) {
      add(series, previous, *r);
      previous = r;
    }
    return series;
  }

  // The series again, reading by reading against what was kept so far. An absurd interval is the
  // fault of the reading that ends it, which is refused when that helps: an interval reading
  // always (its value is the absurd quantity), a register reading when leaving it out bridges
  // its neighbours with a sane interval (a glitch, not a jump). Otherwise only the interval goes.
  Built without_absurd(const std::vector<const Reading*>& accepted, double limit, bool by_median) {
    Built series;
    std::vector<const Reading*> kept;
    size_t absurd = 0;
    for (size_t k = 0; k < accepted.size(); ++k) {
      const Reading* r = accepted[k];
      size_t before = series.intervals.size();
      add(series, kept.empty() ? nullptr : kept.back(), *r);
      if (series.intervals.size() == before || rate(series.intervals.back()) <= limit) {
        kept.push_back(r);
        continue;
      }
      if (absurd++ == 0) {
        std::string bound = by_median ? fmt::format("over {}× the meter's median", kAbsurdFactor)
                                      : fmt::format("over what any building uses ({:g} {} an hour)",
                                                    kCeilingPerHour / meter_.unit_scale, meter_.unit);
        problem(*r, fmt::format("consumption of {:.6g} {} ending {} is {}; left out",
                                series.intervals.back().quantity / meter_.unit_scale, meter_.unit, when(r->ts, offset_), bound));
      }
      series.intervals.pop_back();
      series.ends.pop_back();
      const Reading* after = k + 1 < accepted.size() ? accepted[k + 1] : nullptr;
      if (meter_.mode == MeterMode::Cumulative && !bridges(kept, after, limit)) kept.push_back(r);
    }
    if (absurd > 1)
      feed_.problem(fmt::format("{} meter '{}'", feed_.source, meter_.id), fmt::format("{} absurd intervals left out in all", absurd));
    return series;
  }

  // Whether the register readings before and after a refused one make a sane interval.
  static bool bridges(const std::vector<const Reading*>& kept, const Reading* after, double limit) {
    if (kept.empty() || !after) return false;
    const Reading* before = kept.back();
    if (before->quality == Quality::Missing || after->quality == Quality::Missing) return false;
    double quantity = after->value - before->value;
    return quantity >= 0 && quantity / static_cast<double>(after->ts - before->ts) <= limit;
  }

  static double rate(const Interval& i) { return i.quantity / static_cast<double>(i.end - i.start); }

  void add(Built& series, const Reading* previous, const Reading& r) {
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
        series.went_back.emplace_back(
            &r, fmt::format("register went back from {} to {} at {} (meter replaced or rolled over); that interval is left out",
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
    series.ends.push_back(&r);
  }

  // Rates rather than quantities: a daily history and a 15-minute day mix in one meter. None
  // when the meter has too few intervals to say what is normal.
  static std::optional<double> absurd_rate(const MeterSeries& series) {
    if (series.intervals.size() < kMinForMedian) return std::nullopt;
    std::vector<double> rates;
    rates.reserve(series.intervals.size());
    for (const auto& i : series.intervals)
      if (i.quantity > 0) rates.push_back(rate(i));
    if (rates.size() < kMinForMedian) return std::nullopt;
    auto mid = rates.begin() + static_cast<long>(rates.size() / 2);
    std::nth_element(rates.begin(), mid, rates.end());
    return *mid * kAbsurdFactor;
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
