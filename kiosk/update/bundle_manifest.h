#pragma once
// bundle.toml: what a content bundle is (version, when it was made, which program it needs) and
// every file it may contain, with size and SHA-256. The signature covers exactly these bytes.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/safe_path.h"
#include "update/version.h"

namespace eco::update {

constexpr const char* kManifestName = "bundle.toml";
constexpr const char* kSignatureName = "bundle.sig";

struct ManifestFile {
  std::string path;  // relative, '/'-separated, no '..'
  uint64_t size = 0;
  std::string sha256;  // lowercase hex
};

struct BundleManifest {
  Version version = *Version::parse("0");
  std::string created;              // ISO 8601
  std::string min_program_version;  // refuse on older programs
  std::vector<ManifestFile> files;  // sorted by path

  uint64_t total_bytes() const;
  const ManifestFile* find(std::string_view path) const;
};

std::string to_toml(const BundleManifest& manifest);
// Throws BundleError "<source>:<line>: <field>: <problem>".
BundleManifest parse_manifest(std::string_view text, const std::string& source);

// True when this program is at least `required` (both dotted versions).
bool program_satisfies(const std::string& required);

}  // namespace eco::update
