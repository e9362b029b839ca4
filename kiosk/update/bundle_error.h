#pragma once
// A bundle or release that cannot be used. what() is one line naming the bundle file and, where
// it applies, the entry or manifest field: "bundle-7.tar.zst: images/a.png: SHA-256 mismatch".
#include <stdexcept>
#include <string>

namespace eco::update {

struct BundleError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace eco::update
