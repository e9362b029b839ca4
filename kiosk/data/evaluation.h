#pragma once
// One pass from feed bodies to figures: detect the format, parse, merge several sources into one
// set of buildings, build consumption, compute figures and rankings. Used by `ecolobby kpi` and
// by the kiosk's data worker alike, so both show the same numbers.
#include <string>
#include <string_view>
#include <vector>

#include "data/factors.h"
#include "data/feed.h"
#include "data/feed_text.h"
#include "data/figures.h"

namespace eco::data {

// Decodes the body (feed_text.h), then JSON when it starts with '{', the monthly CSV otherwise.
// Throws FeedError. Every string in the result is valid UTF-8.
Feed parse_feed(std::string body, const std::string& source, const FactorSet& factors, int utc_offset_minutes = 480,
                TextEncoding encoding = TextEncoding::Auto);

// Buildings with the same id in several sources are one building (the first description wins);
// every source's meters and readings are kept. Problems are carried over.
Feed merge_feeds(std::vector<Feed> feeds);

struct Evaluation {
  Figures figures;
  std::vector<FeedProblem> problems;  // parse and ingest problems of every source
  size_t readings = 0;
};

Evaluation evaluate(Feed feed, int64_t at, const FigureOptions& options);

}  // namespace eco::data
