#pragma once
// Reads a content bundle in one streaming pass: bundle.toml and bundle.sig first (the signature
// is checked against the trusted keys before any other byte is looked at), then every entry,
// which must be a regular file listed in the manifest, no larger than listed, and match its
// SHA-256. Anything else (links, devices, '..', absolute paths, extra or missing files, more
// bytes than the manifest says) refuses the whole bundle.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "update/bundle_manifest.h"
#include "update/signing.h"

namespace eco::update {

struct BundleLimits {
  uint64_t max_bytes = 512ull << 20;  // unpacked content
  size_t max_files = 20'000;
};

struct VerifiedBundle {
  BundleManifest manifest;
  std::string signer_key_id;
  uint64_t content_bytes = 0;
};

// Throws BundleError naming the bundle and the entry or field. With `extract_to` (an existing,
// empty directory) the files are written there as they are checked, each fsynced; on error
// the caller removes the directory.
VerifiedBundle read_bundle(const std::filesystem::path& file, const std::vector<PublicKey>& trusted,
                           const std::optional<std::filesystem::path>& extract_to, const BundleLimits& limits = {});

// Checks only what precedes the content: signature, manifest, program version and limits.
VerifiedBundle verify_bundle_header(const std::filesystem::path& file, const std::vector<PublicKey>& trusted,
                                    const BundleLimits& limits = {});

// For `bundle inspect`: the manifest and signature as found, without trusting them.
struct BundleHeader {
  std::string manifest_text;
  std::string signature_text;
  std::string signer_key_id;
};
BundleHeader read_bundle_header(const std::filesystem::path& file);

}  // namespace eco::update
