#pragma once
// Makes a signed content bundle: a tar (zstd or gzip) whose first two entries are bundle.toml
// and bundle.sig, followed by every file of the content directory in path order.
#include <filesystem>
#include <string>

#include "update/bundle_manifest.h"
#include "update/signing.h"

namespace eco::update {

struct BuildRequest {
  std::filesystem::path source;  // a content directory (schedule.toml, plugins/, images/, …)
  std::string version;
  std::filesystem::path out;
  std::string compression = "zstd";  // zstd | gzip
  std::string min_program_version;   // default: this program's version
  std::string created;               // default: now, ISO 8601 UTC
};

// Throws BundleError for an unreadable source, a symlink or special file in it, or an
// unwritable output. The output appears complete or not at all (written beside, then renamed).
BundleManifest build_bundle(const BuildRequest& request, const SecretKey& key);

}  // namespace eco::update
