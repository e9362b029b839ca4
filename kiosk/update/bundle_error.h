#pragma once
// A bundle or release that cannot be used. what() is one line naming the bundle file and, where
// it applies, the entry or manifest field: "bundle-7.tar.zst: images/a.png: SHA-256 mismatch".
#include <cerrno>
#include <stdexcept>
#include <string>

namespace eco::update {

struct BundleError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The screen's own storage failed while handling a bundle (disk full, read-only, permissions):
// not the bundle's fault, so it is tried again once the disk is mended rather than refused.
struct StoreError : BundleError {
  using BundleError::BundleError;
};

// Whether a failed write says something about this machine's disk rather than about the data.
inline bool is_storage_errno(int err) {
  return err == ENOSPC || err == EDQUOT || err == EIO || err == EROFS || err == EACCES || err == EPERM;
}

}  // namespace eco::update
