#pragma once
// The body of both feed harnesses: what the data worker does with a fetched body
// (data/data_service.cpp: parse_feed, then evaluate and publish the figures as JSON).
#include <string>

#include "data/evaluation.h"
#include "data/factors.h"
#include "data/figures_json.h"
#include "data/targets.h"
#include "fuzz_support.h"

namespace eco::fuzz {

inline void check_feed_strings(const data::Feed& f) {
  require_utf8(f.schema, "feed.schema");
  for (const auto& b : f.buildings) {
    require_utf8(b.id, "building.id");
    require_utf8(b.name, "building.name");
  }
  for (const auto& m : f.meters) {
    require_utf8(m.id, "meter.id");
    require_utf8(m.code, "meter.code");
    require_utf8(m.unit, "meter.unit");
  }
  for (const auto& p : f.problems) {
    require_utf8(p.where, "problem.where");
    require_utf8(p.what, "problem.what");
  }
}

inline int run_feed(const uint8_t* data, size_t size) {
  static const data::FactorSet factors = data::FactorSet::load(kSourceDir / "content/factors/cn-2023.toml");
  static const data::Plan plan = data::load_plan(kSourceDir / "content/targets/dianjiang-2025.toml");
  std::string body(reinterpret_cast<const char*>(data), size);
  data::Feed feed;
  try {
    feed = data::parse_feed(body, "fuzz-feed", factors, 480);
  } catch (const data::FeedError&) {
    return 0;  // documented: the body is not a usable feed
  }
  check_feed_strings(feed);
  // Figures as of the feed's own time (as `ecolobby kpi` does), else a fixed moment.
  int64_t at = feed.generated_at ? feed.generated_at : 1750730400;  // 2025-06-24T10:00:00+08:00
  data::FigureOptions options;
  options.factors = &factors;
  options.plan = &plan;
  data::Evaluation e = data::evaluate(std::move(feed), at, options);
  for (const auto& p : e.problems) {
    require_utf8(p.where, "evaluation problem.where");
    require_utf8(p.what, "evaluation problem.what");
  }
  // What the snapshot publisher does; nlohmann's dump throws type_error on invalid UTF-8, and
  // that escaping here is a finding.
  std::string published = data::figures_to_json(e.figures, 480).dump();
  (void)published;
  return 0;
}

}  // namespace eco::fuzz
