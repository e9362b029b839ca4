#pragma once
// Ed25519 keys and detached signatures (libsodium) for content bundles, and SHA-256 of files
// (OpenSSL: its SHA-NI code hashes at over 1 GB/s, libsodium's portable code at 170 MB/s).
// Key files are text: optional '#' comment lines, then the key in base64, so a public key can be
// pasted into [updates] trusted_keys as it is.
#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <sodium.h>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX

namespace eco::update {

using PublicKey = std::array<unsigned char, crypto_sign_PUBLICKEYBYTES>;
using SecretKey = std::array<unsigned char, crypto_sign_SECRETKEYBYTES>;

// Writes DIR/bundle.key (mode 0600) and DIR/bundle.pub; refuses to overwrite an existing key.
// Returns the public key.
PublicKey generate_key_files(const std::filesystem::path& dir);

// Text of a public key: base64 (what trusted_keys holds). Throws BundleError naming `where`.
PublicKey parse_public_key(std::string_view base64, const std::string& where);
// `path_or_key`: a .pub file or the base64 key itself.
PublicKey load_public_key(const std::string& path_or_key);
// Throws BundleError when the file is unreadable, malformed, or readable by others.
SecretKey load_secret_key(const std::filesystem::path& path);

// The public half a secret key carries (libsodium keeps it in the secret key's last 32 bytes):
// a publisher checks what it signed without needing bundle.pub beside bundle.key.
PublicKey public_key_of(const SecretKey& key);

std::string to_base64(const unsigned char* data, size_t size);
// First 8 bytes of the key's SHA-256 in hex: short enough to read out on the phone.
std::string key_id(const PublicKey& key);

// "ed25519 <key id> <base64 signature>\n": the key id only helps messages; trust comes from the
// signature verifying against a trusted key.
std::string sign_detached(std::string_view message, const SecretKey& key);
// Returns the index of the trusted key that verifies, or -1. `signer_id` receives the id the
// signature claims (for "signed by key X, which is not trusted").
int verify_detached(std::string_view message, std::string_view signature_text, const std::vector<PublicKey>& trusted,
                    std::string& signer_id);

class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* data, size_t size);
  std::string hex();  // finishes the hash

 private:
  ::evp_md_ctx_st* ctx_;
};

// Throws BundleError when the file cannot be read.
std::string sha256_file(const std::filesystem::path& path);

}  // namespace eco::update
