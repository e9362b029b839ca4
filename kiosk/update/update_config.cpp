#include "update/update_config.h"

#include <spdlog/spdlog.h>

#include "update/bundle_error.h"

namespace eco::update {

UpdateConfig load_update_config(const Config& config) {
  UpdateConfig u;
  TomlReader r = config.section("updates");
  u.url = r.string("url", "");
  if (!u.url.empty() && !u.url.starts_with("http://") && !u.url.starts_with("https://") && !u.url.starts_with("file://"))
    r.fail("url", "an http://, https:// or file:// URL of latest.json");
  for (const std::string& key : r.strings("trusted_keys")) {
    try {
      u.trusted_keys.push_back(parse_public_key(key, "trusted key"));
    } catch (const BundleError&) {
      r.fail("trusted_keys", "base64 Ed25519 public keys (the last line of a bundle.pub file)");
    }
  }
  if (!u.url.empty() && u.trusted_keys.empty()) r.fail("trusted_keys", "at least one key when url is set");
  u.interval = std::chrono::seconds(r.integer("interval_s", 300, 5, 86400));
  u.timeout = std::chrono::seconds(r.integer("timeout_s", 120, 5, 3600));
  int64_t max_mb = r.integer("max_bundle_mb", 512, 1, 16384);
  u.limits.max_bytes = static_cast<uint64_t>(max_mb) << 20;
  u.max_download_bytes = static_cast<uint64_t>(max_mb) << 20;
  u.keep_releases = static_cast<size_t>(r.integer("keep_releases", 3, 2, 20));
  u.health_grace = std::chrono::seconds(r.integer("health_grace_s", 20, 1, 3600));
  for (const auto& w : r.unknown_keys()) spdlog::warn("{}", w);
  return u;
}

}  // namespace eco::update
