// Content bundles (tar, optionally gzip or zstd) through read_bundle, what the install child runs
// (`ecolobby bundle apply`) on a downloaded file, extracting into an empty folder.
//
// The reader checks bundle.sig over bundle.toml before it looks at anything else, so random
// bytes would never get past the signature. This harness holds a fixed test key (the only
// trusted key here) and, when the input is an uncompressed tar whose second entry is a
// bundle.sig of exactly the length a signature has, re-signs the first entry's bytes with that
// key before the reader sees them (the corpus' bundles are made that way). Production code is
// unchanged: the reader verifies a real Ed25519 signature against a trusted key as always.
// Compressed or otherwise shaped inputs go to the reader as they are.
//
// BundleError (and StoreError, one of them) is the only expected error. Also a finding: any file
// written outside the extraction folder.
#include <sodium.h>

#include <cstring>
#include <filesystem>

#include "fuzz_support.h"
#include "update/bundle_error.h"
#include "update/bundle_reader.h"
#include "update/signing.h"

namespace fs = std::filesystem;
using namespace eco::update;

namespace {

struct TestKey {
  PublicKey pub;
  SecretKey secret;
  TestKey() {
    if (sodium_init() < 0) std::abort();
    unsigned char seed[crypto_sign_SEEDBYTES];
    for (size_t i = 0; i < sizeof seed; ++i) seed[i] = static_cast<unsigned char>(0xEC + i);  // fixed: the corpus relies on it
    crypto_sign_seed_keypair(pub.data(), secret.data(), seed);
  }
};

const TestKey& test_key() {
  static const TestKey k;
  return k;
}

// ustar: a 512-byte header (name at 0, size in octal at 124, type at 156), data padded to 512.
bool tar_entry(const std::string& tar, size_t header, std::string& name, size_t& data, size_t& size) {
  if (header + 512 > tar.size()) return false;
  name.assign(tar.c_str() + header, strnlen(tar.c_str() + header, 100));
  size = 0;
  for (size_t i = 124; i < 136; ++i) {
    char c = tar[header + i];
    if (c == '\0' || c == ' ') break;
    if (c < '0' || c > '7') return false;
    size = size * 8 + static_cast<size_t>(c - '0');
    if (size > tar.size()) return false;
  }
  data = header + 512;
  return data + size <= tar.size();
}

// Re-signs bundle.toml in place when the shape allows; true when it did.
bool resign(std::string& tar) {
  std::string name;
  size_t data = 0, size = 0;
  if (!tar_entry(tar, 0, name, data, size) || name != "bundle.toml") return false;
  std::string_view manifest(tar.data() + data, size);
  std::string signature = sign_detached(manifest, test_key().secret);
  size_t next = data + (size + 511) / 512 * 512;
  size_t sig_data = 0, sig_size = 0;
  if (!tar_entry(tar, next, name, sig_data, sig_size) || name != "bundle.sig" || sig_size != signature.size()) return false;
  tar.replace(sig_data, sig_size, signature);
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) { return eco::fuzz::start_quietly(test_key); }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  std::string tar(reinterpret_cast<const char*>(bytes), size);
  resign(tar);
  const fs::path& scratch = eco::fuzz::scratch_dir();
  fs::path file = eco::fuzz::write_scratch("bundle-fuzz.tar", reinterpret_cast<const uint8_t*>(tar.data()), tar.size());
  fs::path out = scratch / "release";
  fs::remove_all(out);
  fs::create_directory(out);
  BundleLimits limits;
  limits.max_bytes = 64u << 20;
  limits.max_files = 2000;
  try {
    (void)read_bundle(file, {test_key().pub}, out, limits);
  } catch (const BundleError&) {
  }
  for (const auto& e : fs::directory_iterator(scratch))
    if (e.path() != file && e.path() != out) {
      std::fprintf(stderr, "FINDING: the bundle wrote %s, outside the extraction folder\n", e.path().c_str());
      std::abort();
    }
  return 0;
}
