#pragma once
// Installs a downloaded bundle in a child process (`ecolobby bundle apply --json`) rather than
// in the screen's own: decompression, hashing, extraction and the content check touch code
// and heap the kiosk otherwise never needs, and a months-long process should not keep them
// (the month soak grew 1.3 MB at the first update from exactly that). It also keeps a crash in a
// decompressor on a damaged bundle away from the screen. The child inherits the update worker's
// lower CPU priority.
#include <atomic>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "update/release_store.h"
#include "update/signing.h"

namespace eco::update {

struct ChildInstaller {
  std::filesystem::path program = "/proc/self/exe";  // this very binary, even after a package upgrade replaced the file
  std::string config_file;                           // empty: the child finds the configuration as the kiosk did
  std::filesystem::path data_dir;
  std::vector<PublicKey> trusted_keys;

  // nullopt when `stop` ended it. Throws BundleError when the bundle was refused or the child
  // crashed on it (SIGSEGV, SIGABRT, …), std::runtime_error when the child could not do its
  // work for another reason (killed from outside, the configuration on disk became invalid):
  // that bundle is tried again later. Every message starts with the bundle's file name.
  std::optional<ApplyResult> install(const std::filesystem::path& bundle, const std::atomic<bool>* stop) const;
};

}  // namespace eco::update
