#include "update/signing.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <sstream>

#include <openssl/evp.h>

#include "base/file_io.h"
#include "update/bundle_error.h"

namespace eco::update {
namespace fs = std::filesystem;
namespace {

void init_sodium() {
  if (sodium_init() < 0) throw BundleError("libsodium could not be initialised");
}

// The key text without comment lines and surrounding whitespace.
std::string key_text(std::string_view text) {
  std::string out;
  std::istringstream in{std::string(text)};
  for (std::string line; std::getline(in, line);) {
    size_t a = line.find_first_not_of(" \t\r");
    if (a == std::string::npos || line[a] == '#') continue;
    size_t b = line.find_last_not_of(" \t\r");
    out += line.substr(a, b - a + 1);
  }
  return out;
}

template <size_t N>
bool from_base64(std::string_view text, std::array<unsigned char, N>& out) {
  size_t len = 0;
  return sodium_base642bin(out.data(), N, text.data(), text.size(), nullptr, &len, nullptr,
                           sodium_base64_VARIANT_ORIGINAL) == 0 && len == N;
}

std::string read_file(const fs::path& path) {
  std::string reason;
  auto text = read_whole_file(path, &reason);
  if (!text) throw BundleError(path.string() + ": cannot read (" + reason + ")");
  return std::move(*text);
}

void write_new_file(const fs::path& path, const std::string& text, mode_t mode) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
  if (fd < 0) throw BundleError(path.string() + ": cannot create (" + std::strerror(errno) + ")");
  ::fchmod(fd, mode);  // the umask must not widen or narrow what we promise
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  int err = errno;
  ::close(fd);
  if (!ok) throw BundleError(path.string() + ": cannot write (" + std::strerror(err) + ")");
}

}  // namespace

std::string to_base64(const unsigned char* data, size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string key_id(const PublicKey& key) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, key.data(), key.size());
  char hex[17];
  sodium_bin2hex(hex, sizeof hex, digest, 8);
  return hex;
}

PublicKey generate_key_files(const fs::path& dir) {
  init_sodium();
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (fs::exists(dir / "bundle.key"))
    throw BundleError((dir / "bundle.key").string() + ": a key already exists; move it away first (bundles signed with it would no longer verify on screens that trust only it)");
  PublicKey pk;
  SecretKey sk;
  crypto_sign_keypair(pk.data(), sk.data());
  std::string id = key_id(pk);
  write_new_file(dir / "bundle.key",
                 "# EcoLobby bundle signing key (Ed25519, SECRET), id " + id + "\n" + to_base64(sk.data(), sk.size()) + "\n", 0600);
  sodium_memzero(sk.data(), sk.size());
  write_new_file(dir / "bundle.pub",
                 "# EcoLobby bundle public key (Ed25519), id " + id + "\n" + to_base64(pk.data(), pk.size()) + "\n", 0644);
  return pk;
}

PublicKey parse_public_key(std::string_view text, const std::string& where) {
  init_sodium();
  PublicKey key;
  if (!from_base64(key_text(text), key))
    throw BundleError(where + ": not an Ed25519 public key (expected the base64 line of a bundle.pub file)");
  return key;
}

PublicKey load_public_key(const std::string& path_or_key) {
  init_sodium();
  std::error_code ec;
  if (fs::is_regular_file(path_or_key, ec)) return parse_public_key(read_file(path_or_key), path_or_key);
  return parse_public_key(path_or_key, "public key '" + path_or_key.substr(0, 60) + "'");
}

SecretKey load_secret_key(const fs::path& path) {
  init_sodium();
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) throw BundleError(path.string() + ": cannot read (" + std::strerror(errno) + ")");
  if (st.st_mode & 077)
    throw BundleError(path.string() + ": secret key is readable by other users; run chmod 600 " + path.string());
  SecretKey key;
  std::string text = read_file(path);
  bool ok = from_base64(key_text(text), key);
  sodium_memzero(text.data(), text.size());
  if (!ok) throw BundleError(path.string() + ": not an Ed25519 secret key (made by 'ecolobby bundle keygen')");
  return key;
}

PublicKey public_key_of(const SecretKey& key) {
  PublicKey pk;
  crypto_sign_ed25519_sk_to_pk(pk.data(), key.data());
  return pk;
}

std::string sign_detached(std::string_view message, const SecretKey& key) {
  init_sodium();
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(), key.data());
  return "ed25519 " + key_id(public_key_of(key)) + " " + to_base64(sig, sizeof sig) + "\n";
}

int verify_detached(std::string_view message, std::string_view signature_text, const std::vector<PublicKey>& trusted,
                    std::string& signer_id) {
  init_sodium();
  std::istringstream in{std::string(signature_text)};
  std::string algorithm, id, base64;
  in >> algorithm >> id >> base64;
  signer_id = id;
  std::array<unsigned char, crypto_sign_BYTES> sig;
  if (algorithm != "ed25519" || !from_base64(base64, sig)) return -1;
  for (size_t i = 0; i < trusted.size(); ++i)
    if (crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                    trusted[i].data()) == 0)
      return static_cast<int>(i);
  return -1;
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_ || EVP_DigestInit_ex(ctx_, EVP_sha256(), nullptr) != 1) throw BundleError("OpenSSL SHA-256 is unavailable");
}

Sha256::~Sha256() { EVP_MD_CTX_free(ctx_); }

void Sha256::update(const void* data, size_t size) { EVP_DigestUpdate(ctx_, data, size); }

std::string Sha256::hex() {
  unsigned char digest[crypto_hash_sha256_BYTES];
  EVP_DigestFinal_ex(ctx_, digest, nullptr);
  char hex[2 * crypto_hash_sha256_BYTES + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string sha256_file(const fs::path& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw BundleError(path.string() + ": cannot read (" + std::strerror(errno) + ")");
  Sha256 h;
  std::vector<char> buf(1 << 20);
  ssize_t n;
  while ((n = ::read(fd, buf.data(), buf.size())) > 0) h.update(buf.data(), static_cast<size_t>(n));
  int err = errno;
  ::close(fd);
  if (n < 0) throw BundleError(path.string() + ": cannot read (" + std::strerror(err) + ")");
  return h.hex();
}

}  // namespace eco::update
