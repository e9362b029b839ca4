#include "update/update_config.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/config_sections.h"
#include "update/bundle_error.h"
#include "update/download.h"
#include "update/latest_info.h"
#include "update/poll_schedule.h"
#include "update/rollout.h"

namespace eco::update {
namespace fs = std::filesystem;

namespace {

// A trusted key is written as the base64 line itself or as the path of a bundle.pub file
// (relative to the configuration file): people copy the file, not the line.
PublicKey trusted_key(const TomlReader& r, const Config& config, const std::string& text) {
  try {
    return parse_public_key(text, "trusted key");
  } catch (const BundleError&) {
  }
  fs::path file = config_relative_path(config, text);
  std::error_code ec;
  if (text.empty() || !fs::is_regular_file(file, ec))
    throw ConfigError(fmt::format("{}: '{}' is neither a base64 Ed25519 public key nor a readable .pub file{}", r.where("trusted_keys"),
                                  text.substr(0, 80), file.string() == text ? "" : " (" + file.string() + ")"));
  try {
    return load_public_key(file.string());
  } catch (const BundleError&) {
    throw ConfigError(fmt::format("{}: {}: not an Ed25519 public key file (expected a bundle.pub from 'ecolobby bundle keygen')",
                                  r.where("trusted_keys"), file.string()));
  }
}

}  // namespace

UpdateConfig load_update_config(const Config& config) {
  UpdateConfig u;
  TomlReader r = config.section("updates");
  u.url = r.string("url", "");
  if (!u.url.empty() && !u.url.starts_with("http://") && !u.url.starts_with("https://") && !u.url.starts_with("file://"))
    r.fail("url", "an http://, https:// or file:// URL of latest.json");
  u.channel = r.string("channel", "");
  if (!u.channel.empty()) {
    if (!is_channel_name(u.channel)) r.fail("channel", kChannelNameRule);
    if (u.url.empty()) r.fail("channel", "a url too: the channel's latest-<channel>.json is read beside it");
    u.url = resolve_url(u.url, announcement_name(u.channel));
  }
  for (const std::string& key : r.strings("trusted_keys")) u.trusted_keys.push_back(trusted_key(r, config, key));
  if (!u.url.empty() && u.trusted_keys.empty()) r.fail("trusted_keys", "at least one key when url is set");
  u.interval = std::chrono::seconds(r.integer("interval_s", 300, 5, 86400));
  u.timeout = std::chrono::seconds(r.integer("timeout_s", 120, 5, 3600));
  int64_t max_mb = r.integer("max_bundle_mb", 512, 1, 16384);
  u.limits.max_bytes = static_cast<uint64_t>(max_mb) << 20;
  u.max_download_bytes = static_cast<uint64_t>(max_mb) << 20;
  u.keep_releases = static_cast<size_t>(r.integer("keep_releases", 3, 2, 20));
  u.health_grace = std::chrono::seconds(r.integer("health_grace_s", 20, 1, 3600));
  u.poll_seed = poll_seed(config.kiosk_id);
  u.rollout_bucket = rollout_bucket(config.kiosk_id);
  for (const auto& w : r.unknown_keys()) spdlog::warn("{}", w);
  return u;
}

}  // namespace eco::update
