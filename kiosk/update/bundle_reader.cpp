#include "update/bundle_reader.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <set>
#include <sstream>

#include "update/bundle_error.h"

namespace eco::update {
namespace fs = std::filesystem;
namespace {

using ArchivePtr = std::unique_ptr<archive, int (*)(archive*)>;
constexpr size_t kMaxHeaderBytes = 8u << 20;  // a manifest of 20 000 files is about 2 MB

class BundleArchive {
 public:
  explicit BundleArchive(const fs::path& file) : file_(file), a_(archive_read_new(), archive_read_free) {
    archive_read_support_format_tar(a_.get());
    archive_read_support_filter_gzip(a_.get());
    archive_read_support_filter_zstd(a_.get());
    archive_read_support_filter_none(a_.get());
    if (archive_read_open_filename(a_.get(), file.c_str(), 1 << 20) != ARCHIVE_OK) fail("cannot open: " + error());
  }
  [[noreturn]] void fail(const std::string& what) const { throw BundleError(file_.filename().string() + ": " + what); }
  // A write that failed with `err`: the disk's fault (StoreError) or the bundle's.
  [[noreturn]] void fail_write(const std::string& what, int err) const {
    std::string message = file_.filename().string() + ": " + what + " (" + std::strerror(err) + ")";
    if (is_storage_errno(err)) throw StoreError(message);
    throw BundleError(message);
  }
  std::string error() const {
    const char* e = archive_error_string(a_.get());
    return e ? e : "archive error";
  }
  // Next entry, or nullptr at the end; a damaged or truncated archive throws.
  archive_entry* next() {
    archive_entry* e = nullptr;
    int rc = archive_read_next_header(a_.get(), &e);
    if (rc == ARCHIVE_EOF) return nullptr;
    if (rc < ARCHIVE_WARN) fail("damaged or truncated archive (" + error() + ")");
    return e;
  }
  // Reads the current entry's data in blocks; `sink` returns false to stop.
  template <typename Sink>
  void read_data(const std::string& name, Sink&& sink) {
    const void* block;
    size_t size;
    la_int64_t offset;
    while (true) {
      int rc = archive_read_data_block(a_.get(), &block, &size, &offset);
      if (rc == ARCHIVE_EOF) return;
      if (rc < ARCHIVE_WARN) fail(name + ": damaged or truncated archive (" + error() + ")");
      sink(block, size);
    }
  }
  std::string read_small(const std::string& name) {
    std::string out;
    read_data(name, [&](const void* p, size_t n) {
      if (out.size() + n > kMaxHeaderBytes) fail(name + ": larger than " + std::to_string(kMaxHeaderBytes >> 20) + " MB");
      out.append(static_cast<const char*>(p), n);
    });
    return out;
  }

 private:
  fs::path file_;
  ArchivePtr a_;
};

std::string entry_name(archive_entry* e) {
  const char* p = archive_entry_pathname(e);
  return p ? p : "(unnamed entry)";
}

// The header entries, in order: bundle.toml then bundle.sig, both regular files.
BundleHeader read_header(BundleArchive& archive) {
  BundleHeader h;
  for (const char* expected : {kManifestName, kSignatureName}) {
    archive_entry* e = archive.next();
    if (!e) archive.fail(std::string("no ") + expected + " (not a content bundle, or truncated)");
    std::string name = entry_name(e);
    if (normalize_entry_path(name).value_or("") != expected || archive_entry_filetype(e) != AE_IFREG)
      archive.fail(std::string("the first entries must be bundle.toml and bundle.sig, found '") + name + "'");
    (expected == std::string(kManifestName) ? h.manifest_text : h.signature_text) = archive.read_small(name);
  }
  std::istringstream sig(h.signature_text);
  std::string algorithm;
  sig >> algorithm >> h.signer_key_id;
  return h;
}

std::string describe_type(archive_entry* e) {
  if (archive_entry_hardlink(e)) return "a hard link";
  switch (archive_entry_filetype(e)) {
    case AE_IFLNK: return "a symbolic link";
    case AE_IFCHR: return "a character device";
    case AE_IFBLK: return "a block device";
    case AE_IFIFO: return "a FIFO";
    case AE_IFSOCK: return "a socket";
    case AE_IFDIR: return "a directory";
    default: return "not a regular file";
  }
}

// Writes one file of the release, refusing to follow anything already there.
class FileWriter {
 public:
  FileWriter(const fs::path& root, const std::string& rel, const BundleArchive& archive) : archive_(archive), path_(root / rel) {
    std::error_code ec;
    fs::create_directories(path_.parent_path(), ec);
    if (ec) archive.fail_write(rel + ": cannot create its folder", ec.value());
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd_ < 0) archive.fail_write(rel + ": cannot write", errno);
  }
  ~FileWriter() {
    if (fd_ >= 0) ::close(fd_);
  }
  void write(const void* data, size_t size, const std::string& rel) {
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
      ssize_t n = ::write(fd_, p, size);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) archive_.fail_write(rel + ": cannot write", n < 0 ? errno : ENOSPC);
      p += n;
      size -= static_cast<size_t>(n);
    }
  }
  void finish(const std::string& rel) {
    // On a power cut the release must be whole or absent: the data reaches disk before the rename.
    if (::fsync(fd_) != 0 || ::close(fd_) != 0) {
      int err = errno;
      fd_ = -1;
      archive_.fail_write(rel + ": cannot write", err);
    }
    fd_ = -1;
  }

 private:
  const BundleArchive& archive_;
  fs::path path_;
  int fd_ = -1;
};

}  // namespace

BundleHeader read_bundle_header(const fs::path& file) {
  BundleArchive archive(file);
  return read_header(archive);
}

namespace {
// The signature, manifest and limits: everything that can refuse a bundle before its content is read.
VerifiedBundle verified_header(BundleArchive& archive, const fs::path& file, const std::vector<PublicKey>& trusted,
                               const BundleLimits& limits) {
  BundleHeader header = read_header(archive);
  if (trusted.empty()) archive.fail("no trusted public keys configured ([updates] trusted_keys)");
  std::string signer;
  if (verify_detached(header.manifest_text, header.signature_text, trusted, signer) < 0)
    archive.fail(signer.empty() ? "bundle.sig: malformed signature"
                                : "bundle.sig: signature does not verify against any trusted key (signed by key " + signer +
                                      ", or bundle.toml was changed)");
  VerifiedBundle result;
  result.signer_key_id = signer;
  result.manifest = parse_manifest(header.manifest_text, file.filename().string() + ":bundle.toml");
  const BundleManifest& m = result.manifest;
  if (!program_satisfies(m.min_program_version))
    archive.fail("needs ecolobby " + m.min_program_version + " or newer (this is " + ECOLOBBY_VERSION + ")");
  if (m.files.size() > limits.max_files)
    archive.fail(std::to_string(m.files.size()) + " files, over the limit of " + std::to_string(limits.max_files));
  if (m.total_bytes() > limits.max_bytes)
    archive.fail(std::to_string(m.total_bytes() >> 20) + " MB of content, over the limit of " + std::to_string(limits.max_bytes >> 20) + " MB");

  return result;
}
}  // namespace

VerifiedBundle verify_bundle_header(const fs::path& file, const std::vector<PublicKey>& trusted, const BundleLimits& limits) {
  BundleArchive archive(file);
  return verified_header(archive, file, trusted, limits);
}

VerifiedBundle read_bundle(const fs::path& file, const std::vector<PublicKey>& trusted, const std::optional<fs::path>& extract_to,
                           const BundleLimits& limits) {
  BundleArchive archive(file);
  VerifiedBundle result = verified_header(archive, file, trusted, limits);
  const BundleManifest& m = result.manifest;
  std::set<std::string> seen;
  while (archive_entry* e = archive.next()) {
    std::string raw = entry_name(e);
    if (archive_entry_filetype(e) == AE_IFDIR && !archive_entry_hardlink(e)) {
      if (!normalize_entry_path(raw.ends_with('/') ? raw.substr(0, raw.size() - 1) : raw)) archive.fail(raw + ": unsafe path");
      continue;  // folders come from the files' paths
    }
    auto path = normalize_entry_path(raw);
    if (!path) archive.fail(raw + ": unsafe path (absolute, '..', hidden or control characters)");
    if (archive_entry_filetype(e) != AE_IFREG || archive_entry_hardlink(e)) archive.fail(raw + ": " + describe_type(e) + ", not allowed in a bundle");
    const ManifestFile* listed = m.find(*path);
    if (!listed) archive.fail(raw + ": not listed in bundle.toml");
    if (!seen.insert(*path).second) archive.fail(raw + ": appears twice in the archive");
    std::optional<FileWriter> writer;
    if (extract_to) writer.emplace(*extract_to, *path, archive);
    Sha256 hash;
    uint64_t bytes = 0;
    archive.read_data(raw, [&](const void* data, size_t size) {
      bytes += size;
      if (bytes > listed->size) archive.fail(raw + ": more bytes than bundle.toml lists (" + std::to_string(listed->size) + ")");
      hash.update(data, size);
      if (writer) writer->write(data, size, raw);
    });
    if (bytes != listed->size)
      archive.fail(raw + ": " + std::to_string(bytes) + " bytes, bundle.toml lists " + std::to_string(listed->size));
    if (hash.hex() != listed->sha256) archive.fail(raw + ": SHA-256 does not match bundle.toml (file changed or damaged)");
    if (writer) writer->finish(raw);
    result.content_bytes += bytes;
  }
  for (const auto& f : m.files)
    if (!seen.contains(f.path)) archive.fail(f.path + ": listed in bundle.toml but missing from the archive (truncated?)");
  return result;
}

}  // namespace eco::update
