#include "data/evaluation.h"

#include <unordered_map>

#include "data/consumption.h"
#include "data/feed_csv.h"
#include "data/feed_json.h"

namespace eco::data {

Feed parse_feed(std::string body, const std::string& source, const FactorSet& factors, int utc_offset_minutes,
                TextEncoding encoding) {
  DecodedText decoded = decode_feed_text(std::move(body), encoding);
  std::string& text = decoded.text;
  size_t first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) throw FeedError(source + ": the body is empty");
  Feed feed = text[first] == '{' || text[first] == '['
                  ? parse_feed_json(text, source, factors)
                  : parse_monthly_csv(text, source, factors, utc_offset_minutes);
  if (!decoded.note.empty()) feed.problems.insert(feed.problems.begin(), {source, decoded.note});
  make_text_valid(feed);
  return feed;
}

Feed merge_feeds(std::vector<Feed> feeds) {
  if (feeds.empty()) return {};
  if (feeds.size() == 1) return std::move(feeds.front());
  Feed merged;
  merged.source = feeds.front().source;
  merged.schema = feeds.front().schema;
  std::unordered_map<std::string, uint32_t> building_index;
  for (auto& feed : feeds) {
    merged.generated_at = std::max(merged.generated_at, feed.generated_at);
    merged.region_scope = merged.region_scope || feed.region_scope;
    std::vector<uint32_t> building_map(feed.buildings.size());
    for (size_t b = 0; b < feed.buildings.size(); ++b) {
      auto [it, added] = building_index.emplace(feed.buildings[b].id, static_cast<uint32_t>(merged.buildings.size()));
      if (added) merged.buildings.push_back(feed.buildings[b]);
      building_map[b] = it->second;
    }
    uint32_t meter_base = static_cast<uint32_t>(merged.meters.size());
    for (auto m : feed.meters) {
      m.building = building_map[m.building];
      if (m.parent != kNoParent) m.parent += meter_base;
      merged.meters.push_back(std::move(m));
    }
    merged.readings.reserve(merged.readings.size() + feed.readings.size());
    for (auto r : feed.readings) {
      r.meter += meter_base;
      merged.readings.push_back(r);
    }
    for (auto& p : feed.problems) merged.problems.push_back(std::move(p));
    merged.problems_dropped += feed.problems_dropped;
  }
  return merged;
}

Evaluation evaluate(Feed feed, int64_t at, const FigureOptions& options) {
  Evaluation e;
  e.readings = feed.readings.size();
  auto series = build_consumption(feed, at);
  e.figures = compute_figures(feed, series, at, options);
  e.problems = std::move(feed.problems);
  if (feed.problems_dropped)
    e.problems.push_back({feed.source, std::to_string(feed.problems_dropped) + " more problems not listed"});
  return e;
}

}  // namespace eco::data
