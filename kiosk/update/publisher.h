#pragma once
// `ecolobby bundle publish`: builds and signs a bundle into a publish folder (what a static web
// server or a USB stick serves to the screens) and announces it there in latest.json.
// Order matters to a screen polling meanwhile: the bundle appears complete (written beside,
// renamed), is verified as a screen would (against the key's own public half), and only then
// does latest.json, replaced atomically, name it; old bundles go last, so a screen still
// downloading the previous one finishes it.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "update/bundle_builder.h"
#include "update/bundle_reader.h"
#include "update/latest_info.h"
#include "update/signing.h"

namespace eco::update {

struct PublishRequest {
  std::filesystem::path source;       // content directory, already checked
  std::string version;
  std::filesystem::path out_dir;      // the publish folder
  std::string compression = "zstd";
  std::string min_program_version;
  size_t keep = 3;                    // bundles left in the folder, the new one included
  std::string channel;                // announced in latest-<channel>.json instead of latest.json
  int rollout_percent = 100;          // the share of screens offered it (update/rollout.h)
};

struct PublishResult {
  LatestInfo latest;
  std::filesystem::path bundle;
  BundleManifest manifest;
  std::string signer_key_id;
  std::vector<std::filesystem::path> removed;  // older bundles beyond `keep`
};

// "bundle-2026.11.3.tar.zst" (or .tar.gz): the name publish gives a version's bundle.
std::string bundle_file_name(const std::string& version, const std::string& compression);

// Throws BundleError: a version not newer than the one the folder's latest.json announces, a
// latest.json there that is not one, or what building, verifying or writing refused.
PublishResult publish_bundle(const PublishRequest& request, const SecretKey& key, const BundleLimits& limits);

}  // namespace eco::update
