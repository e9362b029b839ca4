#pragma once
// Real keys, real content directories, real bundles (libsodium, libarchive) and hand-made
// archives for the attacks a builder would never produce.
#include <archive.h>
#include <archive_entry.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "update/bundle_builder.h"
#include "update/bundle_manifest.h"
#include "update/signing.h"

#include "../common/spawned_server.h"

namespace eco::update::fixture {
namespace fs = std::filesystem;

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("ecolobby-update-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    if (!getenv("KEEP")) fs::remove_all(path);
  }
};

inline void write_file(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

inline std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Bytes that no compressor shrinks, like the photos and fonts of real content.
inline std::string incompressible(size_t n) {
  std::string out(n, '\0');
  uint64_t x = 0x9E3779B97F4A7C15ull;
  for (auto& c : out) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    c = static_cast<char>(x);
  }
  return out;
}

// A valid content directory whose single slide says `title`.
inline fs::path make_content(const fs::path& dir, const std::string& title) {
  write_file(dir / "schedule.toml", "[content]\nversion = \"" + title + "\"\n[[slot]]\nscene = \"slide\"\nduration_s = 3\ntitle = \"" +
                                        title + "\"\n");
  write_file(dir / "images" / "note.txt", "节约能源 " + title + "\n");
  return dir;
}

struct Keys {
  PublicKey pub;
  SecretKey secret;
  explicit Keys(const fs::path& dir) {
    pub = generate_key_files(dir);
    secret = load_secret_key(dir / "bundle.key");
  }
};

inline BundleManifest build(const fs::path& content, const std::string& version, const fs::path& out, const Keys& keys,
                            const std::string& compression = "zstd") {
  BuildRequest r;
  r.source = content;
  r.version = version;
  r.out = out;
  r.compression = compression;
  return build_bundle(r, keys.secret);
}

// One entry of a hand-made archive.
struct RawEntry {
  std::string path;
  std::string data;
  unsigned type = AE_IFREG;
  std::string link;  // symlink target or hard link source
};

inline ManifestFile listed(const std::string& path, const std::string& data) {
  Sha256 h;
  h.update(data.data(), data.size());
  return {path, data.size(), h.hex()};
}

// The bundle.toml write_raw_bundle signs for `files` (a test changes a byte of it to tamper).
inline std::string raw_manifest(std::vector<ManifestFile> files, const std::string& version = "5") {
  BundleManifest m;
  m.version = *Version::parse(version);
  m.created = "2026-11-26T10:00:00+08:00";
  m.min_program_version = "0.1.0";
  std::sort(files.begin(), files.end(), [](auto& a, auto& b) { return a.path < b.path; });
  m.files = files;
  return to_toml(m);
}

// Writes an uncompressed tar: bundle.toml (listing `files`, signed by `keys`), bundle.sig,
// then `entries` exactly as given.
inline void write_raw_bundle(const fs::path& out, const Keys& keys, std::vector<ManifestFile> files, const std::vector<RawEntry>& entries,
                             const std::string& version = "5", std::string manifest_override = {}) {
  std::string manifest = raw_manifest(std::move(files), version);
  std::string sig = sign_detached(manifest, keys.secret);
  if (!manifest_override.empty()) manifest = manifest_override;
  archive* a = archive_write_new();
  archive_write_set_format_pax_restricted(a);
  archive_write_open_filename(a, out.c_str());
  auto add = [&](const RawEntry& e) {
    archive_entry* en = archive_entry_new();
    archive_entry_set_pathname(en, e.path.c_str());
    archive_entry_set_filetype(en, e.type);
    archive_entry_set_perm(en, 0644);
    if (e.type == AE_IFLNK) archive_entry_set_symlink(en, e.link.c_str());
    if (e.type == AE_IFREG && !e.link.empty()) archive_entry_set_hardlink(en, e.link.c_str());
    if (e.type == AE_IFCHR) archive_entry_set_rdev(en, makedev(1, 3));
    archive_entry_set_size(en, e.type == AE_IFREG && e.link.empty() ? static_cast<la_int64_t>(e.data.size()) : 0);
    archive_write_header(a, en);
    if (!e.data.empty()) archive_write_data(a, e.data.data(), e.data.size());
    archive_entry_free(en);
  };
  add({"bundle.toml", manifest});
  add({"bundle.sig", sig});
  for (const auto& e : entries) add(e);
  archive_write_close(a);
  archive_write_free(a);
}

// tests/update/fault_server.py on a free port of 127.0.0.1: a real HTTP server that can fail.
class FaultServer {
 public:
  explicit FaultServer(const fs::path& root)
      : server_({std::string(ECOLOBBY_SOURCE_DIR) + "/tests/update/fault_server.py", "--root", root.string()}) {}
  std::string url(const std::string& path) const { return server_.url(path); }
  void set_mode(const std::string& mode) { server_.request("/control?mode=" + mode, true); }
  nlohmann::json stats() { return nlohmann::json::parse(server_.request("/stats", false)); }

 private:
  SpawnedServer server_;
};

// Publishes `bundle` into `dir` as a static web server would serve it, with its latest.json.
inline void publish(const fs::path& bundle, const std::string& version, const fs::path& dir) {
  fs::create_directories(dir);
  fs::copy_file(bundle, dir / bundle.filename(), fs::copy_options::overwrite_existing);
  nlohmann::json latest{{"version", version}, {"url", bundle.filename().string()}, {"size", fs::file_size(bundle)}, {"sha256", sha256_file(bundle)}};
  write_file(dir / "latest.json.tmp", latest.dump());
  fs::rename(dir / "latest.json.tmp", dir / "latest.json");
}

// What every update test starts from: a scratch folder, a signing key pair, a data directory.
struct UpdateTest : ::testing::Test {
  TempDir tmp;
  Keys keys{tmp.path / "keys"};
  fs::path data = tmp.path / "data";
};

}  // namespace eco::update::fixture
