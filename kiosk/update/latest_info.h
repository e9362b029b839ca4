#pragma once
// latest.json, the announcement a publish folder carries beside its bundles:
// {"version": "7", "url": "bundle-7.tar.zst", "size": 123, "sha256": "…", "created": "…",
//  "rollout_percent": 5}  (optional: the share of screens offered it, update/rollout.h).
// One reader for the screen's poller and the publisher, one writer for the publisher.
#include <cstdint>
#include <string>

namespace eco::update {

struct LatestInfo {
  std::string version, url, sha256;
  uint64_t size = 0;
  std::string created;  // ISO 8601 UTC; informative, screens do not need it
  int rollout_percent = 100;
};

// Throws BundleError naming `source` and the field.
LatestInfo parse_latest(const std::string& json, const std::string& source);
// The JSON text `parse_latest` reads back as `info`.
std::string format_latest(const LatestInfo& info);

// Channels: a publish folder announces to the screens of channel "pilot" in latest-pilot.json.
// A name is lowercase letters, digits, - and _ (at most 32); empty is no channel (latest.json).
constexpr const char* kChannelNameRule = "a channel name: lowercase letters, digits, - and _ (at most 32), e.g. \"pilot\"";
bool is_channel_name(const std::string& name);
std::string announcement_name(const std::string& channel);

}  // namespace eco::update
