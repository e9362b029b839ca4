#pragma once
// The [updates] section of the kiosk configuration:
//   url = "https://cms.example.gov.cn/ecolobby/latest.json"   # or file:///media/usb/latest.json
//   trusted_keys = ["keys/publisher.pub", "<base64 line of a bundle.pub>", …]   # more than one during a key rotation
//   interval_s = 300, max_bundle_mb = 512, keep_releases = 3, health_grace_s = 20
//   channel = "pilot"   # reads latest-pilot.json beside url's file instead of that file
#include <chrono>
#include <string>
#include <vector>

#include "base/config.h"
#include "update/bundle_reader.h"

namespace eco::update {

struct UpdateConfig {
  std::string url;  // latest.json (latest-<channel>.json with a channel); empty = no polling (bundles can still be applied by hand)
  std::string channel;
  std::vector<PublicKey> trusted_keys;
  std::chrono::seconds interval{300};
  std::chrono::seconds timeout{120};
  BundleLimits limits;
  uint64_t max_download_bytes = 512ull << 20;
  size_t keep_releases = 3;
  std::chrono::seconds health_grace{20};
  uint64_t poll_seed = 0;  // from kiosk_id: spreads the screens' polls (poll_schedule.h)
  int rollout_bucket = 0;  // from kiosk_id: whether a staged rollout includes this screen (rollout.h)
};

// Throws ConfigError naming file:line and key (a malformed trusted key included).
UpdateConfig load_update_config(const Config& config);

}  // namespace eco::update
