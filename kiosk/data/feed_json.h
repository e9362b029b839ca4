#pragma once
// Reads ecolobby-feed/1 JSON (docs/feed-format.md). Items that are wrong (unknown meter, negative
// value, bad timestamp) are left out with a problem naming the line; a body that is not a feed at
// all throws FeedError, so that the caller keeps its last good data.
#include <string_view>

#include "data/factors.h"
#include "data/feed.h"

namespace eco::data {

// `body` gains spare capacity for the parser's padding but its text is unchanged.
Feed parse_feed_json(std::string& body, const std::string& source, const FactorSet& factors);

}  // namespace eco::data
