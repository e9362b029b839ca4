#include "update/publisher.h"

#include <algorithm>
#include <optional>
#include <set>
#include <system_error>
#include <utility>

#include <fmt/format.h>

#include "base/file_io.h"
#include "update/bundle_error.h"
#include "update/version.h"

namespace eco::update {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kPrefix = "bundle-";

std::string_view extension_of(const std::string& compression) { return compression == "gzip" ? ".tar.gz" : ".tar.zst"; }

// The version a file of the publish folder carries in its name, when publish named it.
std::optional<Version> published_version(const std::string& name) {
  if (!name.starts_with(kPrefix)) return std::nullopt;
  for (std::string_view ext : {".tar.zst", ".tar.gz"})
    if (name.ends_with(ext)) return Version::parse(std::string_view(name).substr(kPrefix.size(), name.size() - kPrefix.size() - ext.size()));
  return std::nullopt;
}

// What the folder announces now; nothing when it has no latest.json yet.
std::optional<LatestInfo> announced(const fs::path& latest) {
  std::string reason;
  auto text = read_whole_file(latest, &reason);
  std::error_code ec;
  if (!text) {
    if (!fs::exists(latest, ec)) return std::nullopt;
    throw BundleError(fmt::format("{}: cannot read: {}", latest.string(), reason));
  }
  return parse_latest(*text, latest.string());
}

// The bundle files the folder's announcements (latest.json, latest-<channel>.json) name: another
// channel's current bundle is not this publication's to remove.
std::set<std::string> announced_files(const fs::path& dir) {
  std::set<std::string> named;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (!name.starts_with("latest") || !name.ends_with(".json")) continue;
    try {
      if (auto info = announced(entry.path())) named.insert(fs::path(info->url).filename().string());
    } catch (const BundleError&) {  // not an announcement publish can read: it names nothing
    }
  }
  return named;
}

// Everything publish named in the folder but the newest `keep`, `kept` among them, and but what
// an announcement names.
std::vector<fs::path> beyond_keep(const fs::path& dir, size_t keep, const fs::path& kept) {
  std::vector<std::pair<Version, fs::path>> bundles;
  std::set<std::string> named = announced_files(dir);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    auto v = published_version(entry.path().filename().string());
    if (v && entry.path() != kept && entry.is_regular_file(ec) && !named.contains(entry.path().filename().string()))
      bundles.emplace_back(*v, entry.path());
  }
  std::sort(bundles.begin(), bundles.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<fs::path> old;
  for (size_t i = keep > 0 ? keep - 1 : 0; i < bundles.size(); ++i) old.push_back(bundles[i].second);
  return old;
}

}  // namespace

std::string bundle_file_name(const std::string& version, const std::string& compression) {
  return std::string(kPrefix) + version + std::string(extension_of(compression));
}

PublishResult publish_bundle(const PublishRequest& r, const SecretKey& key, const BundleLimits& limits) {
  auto version = Version::parse(r.version);
  if (!version) throw BundleError(fmt::format("version '{}': expected numbers separated by dots (7, 2026.11.3)", r.version));
  std::error_code ec;
  fs::create_directories(r.out_dir, ec);
  if (ec) throw BundleError(fmt::format("{}: cannot create the publish folder: {}", r.out_dir.string(), ec.message()));
  fs::path latest_path = r.out_dir / announcement_name(r.channel);
  // Screens ignore an announcement that is not newer than what they show: one that goes back
  // is a mistake here, not something to find out from 650 screens that did not update.
  if (auto now = announced(latest_path)) {
    if (*version <= *Version::parse(now->version))
      throw BundleError(fmt::format("{} already announces version {}: publish a higher version than that", latest_path.string(), now->version));
  }

  PublishResult result;
  result.bundle = r.out_dir / bundle_file_name(r.version, r.compression);
  BuildRequest build{.source = r.source, .version = r.version, .out = result.bundle, .compression = r.compression,
                     .min_program_version = r.min_program_version, .created = ""};
  result.manifest = build_bundle(build, key);
  VerifiedBundle verified = read_bundle(result.bundle, {public_key_of(key)}, std::nullopt, limits);
  result.signer_key_id = verified.signer_key_id;

  result.latest = {.version = r.version, .url = result.bundle.filename().string(), .sha256 = sha256_file(result.bundle),
                   .size = fs::file_size(result.bundle, ec), .created = result.manifest.created,
                   .rollout_percent = r.rollout_percent};
  if (ec) throw BundleError(fmt::format("{}: {}", result.bundle.string(), ec.message()));
  if (std::string failed = replace_file(latest_path, format_latest(result.latest)); !failed.empty()) throw BundleError(failed);

  for (const auto& old : beyond_keep(r.out_dir, r.keep, result.bundle))
    if (fs::remove(old, ec)) result.removed.push_back(old);
  return result;
}

}  // namespace eco::update
