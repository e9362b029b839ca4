#include "update/bundle_builder.h"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <memory>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "update/bundle_error.h"

namespace eco::update {
namespace fs = std::filesystem;
namespace {

using ArchivePtr = std::unique_ptr<archive, int (*)(archive*)>;

// Regular files below `root`, skipping hidden ones (.git, editor backups) and an old manifest.
std::vector<fs::path> content_files(const fs::path& root) {
  std::vector<fs::path> out;
  std::error_code ec;
  fs::recursive_directory_iterator it(root, fs::directory_options::none, ec), end;
  if (ec) throw BundleError(root.string() + ": cannot read the content directory (" + ec.message() + ")");
  for (; it != end; it.increment(ec)) {
    if (ec) throw BundleError(root.string() + ": " + ec.message());
    fs::path rel = it->path().lexically_relative(root);
    std::string name = it->path().filename().string();
    if (name.starts_with(".")) {
      if (it->is_directory()) it.disable_recursion_pending();
      continue;
    }
    if (it->is_symlink()) throw BundleError(it->path().string() + ": symbolic links cannot go into a bundle; copy the file instead");
    if (it->is_directory()) continue;
    if (!it->is_regular_file()) throw BundleError(it->path().string() + ": not a regular file");
    if (rel == kManifestName || rel == kSignatureName) continue;
    if (!normalize_entry_path(rel.generic_string()))
      throw BundleError(it->path().string() + ": file name cannot go into a bundle (control characters or backslash)");
    out.push_back(rel);
  }
  std::sort(out.begin(), out.end(), [](const fs::path& a, const fs::path& b) { return a.generic_string() < b.generic_string(); });
  return out;
}

void check(archive* a, int rc, const fs::path& out) {
  if (rc < ARCHIVE_OK) throw BundleError(out.string() + ": " + (archive_error_string(a) ? archive_error_string(a) : "archive error"));
}

void add_entry(archive* a, const fs::path& out, const std::string& name, int64_t size, time_t mtime) {
  std::unique_ptr<archive_entry, void (*)(archive_entry*)> e(archive_entry_new(), archive_entry_free);
  archive_entry_set_pathname(e.get(), name.c_str());
  archive_entry_set_size(e.get(), size);
  archive_entry_set_filetype(e.get(), AE_IFREG);
  archive_entry_set_perm(e.get(), 0644);
  archive_entry_set_mtime(e.get(), mtime, 0);
  check(a, archive_write_header(a, e.get()), out);
}

void add_bytes(archive* a, const fs::path& out, const std::string& name, const std::string& bytes, time_t mtime) {
  add_entry(a, out, name, static_cast<int64_t>(bytes.size()), mtime);
  if (archive_write_data(a, bytes.data(), bytes.size()) != static_cast<la_ssize_t>(bytes.size())) check(a, ARCHIVE_FATAL, out);
}

void add_file(archive* a, const fs::path& out, const fs::path& file, const ManifestFile& f, time_t mtime) {
  add_entry(a, out, f.path, static_cast<int64_t>(f.size), mtime);
  int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw BundleError(file.string() + ": cannot read (" + std::strerror(errno) + ")");
  std::vector<char> buf(1 << 20);
  uint64_t written = 0;
  ssize_t n;
  while ((n = ::read(fd, buf.data(), buf.size())) > 0) {
    if (archive_write_data(a, buf.data(), static_cast<size_t>(n)) != n) {
      ::close(fd);
      check(a, ARCHIVE_FATAL, out);
    }
    written += static_cast<uint64_t>(n);
  }
  ::close(fd);
  if (n < 0 || written != f.size) throw BundleError(file.string() + ": changed while the bundle was being built; build again");
}

}  // namespace

BundleManifest build_bundle(const BuildRequest& r, const SecretKey& key) {
  BundleManifest m;
  auto version = Version::parse(r.version);
  if (!version) throw BundleError("--version '" + r.version + "': expected a version like 7 or 2026.11.3");
  m.version = *version;
  auto now = std::chrono::system_clock::now();
  m.created = r.created.empty() ? fmt::format("{:%Y-%m-%dT%H:%M:%S}Z", std::chrono::floor<std::chrono::seconds>(now)) : r.created;
  m.min_program_version = r.min_program_version.empty() ? ECOLOBBY_VERSION : r.min_program_version;
  std::vector<fs::path> files = content_files(r.source);
  if (files.empty()) throw BundleError(r.source.string() + ": no files to bundle");
  for (const fs::path& rel : files) {
    std::error_code ec;
    auto size = fs::file_size(r.source / rel, ec);
    if (ec) throw BundleError((r.source / rel).string() + ": " + ec.message());
    m.files.push_back({rel.generic_string(), size, sha256_file(r.source / rel)});
  }
  std::string manifest = to_toml(m);
  std::string signature = sign_detached(manifest, key);

  if (r.compression != "zstd" && r.compression != "gzip") throw BundleError("--compression '" + r.compression + "': expected zstd or gzip");
  fs::path tmp = r.out;
  tmp += ".part";
  ArchivePtr a(archive_write_new(), archive_write_free);
  check(a.get(), archive_write_set_format_pax_restricted(a.get()), r.out);
  // Bundles are mostly PNGs and fonts, already compressed: a fast level costs nothing in size.
  if (r.compression == "zstd") {
    check(a.get(), archive_write_add_filter_zstd(a.get()), r.out);
    archive_write_set_filter_option(a.get(), "zstd", "compression-level", "3");
  } else {
    check(a.get(), archive_write_add_filter_gzip(a.get()), r.out);
  }
  check(a.get(), archive_write_open_filename(a.get(), tmp.c_str()), r.out);
  time_t mtime = std::chrono::system_clock::to_time_t(now);
  try {
    add_bytes(a.get(), r.out, kManifestName, manifest, mtime);
    add_bytes(a.get(), r.out, kSignatureName, signature, mtime);
    for (size_t i = 0; i < files.size(); ++i) add_file(a.get(), r.out, r.source / files[i], *m.find(files[i].generic_string()), mtime);
    check(a.get(), archive_write_close(a.get()), r.out);
  } catch (...) {
    a.reset();
    fs::remove(tmp);
    throw;
  }
  a.reset();
  std::error_code ec;
  fs::rename(tmp, r.out, ec);
  if (ec) throw BundleError(r.out.string() + ": " + ec.message());
  return m;
}

}  // namespace eco::update
