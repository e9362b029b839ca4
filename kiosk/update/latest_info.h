#pragma once
// latest.json, the announcement a publish folder carries beside its bundles:
// {"version": "7", "url": "bundle-7.tar.zst", "size": 123, "sha256": "…", "created": "…"}.
// One reader for the screen's poller and the publisher, one writer for the publisher.
#include <cstdint>
#include <string>

namespace eco::update {

struct LatestInfo {
  std::string version, url, sha256;
  uint64_t size = 0;
  std::string created;  // ISO 8601 UTC; informative, screens do not need it
};

// Throws BundleError naming `source` and the field.
LatestInfo parse_latest(const std::string& json, const std::string& source);
// The JSON text `parse_latest` reads back as `info`.
std::string format_latest(const LatestInfo& info);

}  // namespace eco::update
