// Signed bundles end to end with real libsodium and libarchive: what is built verifies and
// extracts byte for byte; every tampering and every unsafe entry is refused with its name.
#include <sys/stat.h>

#include "update/bundle_error.h"
#include "update/bundle_reader.h"
#include "update_fixture.h"

using namespace eco::update;
using namespace eco::update::fixture;

namespace {

// The error read_bundle throws, or "" when it accepts.
std::string refusal(const fs::path& bundle, const std::vector<PublicKey>& trusted, const std::optional<fs::path>& into = std::nullopt,
                    BundleLimits limits = {}) {
  try {
    read_bundle(bundle, trusted, into, limits);
    return "";
  } catch (const BundleError& e) {
    return e.what();
  }
}

struct BundleTest : ::testing::Test {
  TempDir tmp;
  Keys keys{tmp.path / "keys"};
  fs::path content = make_content(tmp.path / "content", "第一版");
};

}  // namespace

TEST_F(BundleTest, BuiltBundleVerifiesAndExtractsByteForByte) {
  write_file(content / "plugins" / "demo" / "main.lua", "return {}\n");
  for (const char* compression : {"zstd", "gzip"}) {
    fs::path out = tmp.path / (std::string("b.") + compression);
    BundleManifest m = build(content, "2026.11.3", out, keys, compression);
    EXPECT_EQ(m.files.size(), 3u);
    fs::path into = tmp.path / (std::string("x-") + compression);
    fs::create_directories(into);
    VerifiedBundle v = read_bundle(out, {keys.pub}, into);
    EXPECT_EQ(v.manifest.version.text(), "2026.11.3");
    EXPECT_EQ(v.signer_key_id, key_id(keys.pub));
    for (const char* f : {"schedule.toml", "images/note.txt", "plugins/demo/main.lua"})
      EXPECT_EQ(read_file(into / f), read_file(content / f)) << f;
    EXPECT_FALSE(fs::exists(into / "bundle.toml"));
  }
}

TEST_F(BundleTest, KeygenWritesAPrivateSecretKeyAndRefusesToOverwriteIt) {
  struct stat st {};
  ASSERT_EQ(::stat((tmp.path / "keys" / "bundle.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_THROW(generate_key_files(tmp.path / "keys"), BundleError);
  fs::permissions(tmp.path / "keys" / "bundle.key", fs::perms::group_read, fs::perm_options::add);
  try {
    load_secret_key(tmp.path / "keys" / "bundle.key");
    FAIL() << "a group-readable secret key was accepted";
  } catch (const BundleError& e) {
    EXPECT_NE(std::string(e.what()).find("chmod 600"), std::string::npos) << e.what();
  }
}

TEST_F(BundleTest, AcceptsAnyOfSeveralTrustedKeysForKeyRotation) {
  Keys next{tmp.path / "keys2"};
  build(content, "3", tmp.path / "b", next);
  EXPECT_EQ(refusal(tmp.path / "b", {keys.pub, next.pub}), "");
}

TEST_F(BundleTest, UntrustedKeyIsRefusedNamingTheSigner) {
  Keys other{tmp.path / "other"};
  build(content, "3", tmp.path / "b", other);
  std::string error = refusal(tmp.path / "b", {keys.pub});
  EXPECT_NE(error.find("signed by key " + key_id(other.pub)), std::string::npos) << error;
}

TEST_F(BundleTest, ChangedByteInAFileIsRefusedNamingTheFile) {
  std::string good = "[[slot]]\nscene = \"slide\"\n";
  std::string bad = good;
  bad[3] = 'X';
  write_raw_bundle(tmp.path / "b.tar", keys, {listed("schedule.toml", good)}, {{"schedule.toml", bad}});
  std::string error = refusal(tmp.path / "b.tar", {keys.pub});
  EXPECT_NE(error.find("schedule.toml: SHA-256 does not match"), std::string::npos) << error;
}

TEST_F(BundleTest, ChangedByteInTheManifestOrTheSignatureIsRefused) {
  std::string data = "x";
  write_raw_bundle(tmp.path / "ok.tar", keys, {listed("a.txt", data)}, {{"a.txt", data}});
  EXPECT_EQ(refusal(tmp.path / "ok.tar", {keys.pub}), "");

  std::string manifest = raw_manifest({listed("a.txt", data)}, "5");
  manifest[manifest.find("size = 1")+7] = '2';  // one changed byte
  write_raw_bundle(tmp.path / "m.tar", keys, {listed("a.txt", data)}, {{"a.txt", data}}, "5", manifest);
  EXPECT_NE(refusal(tmp.path / "m.tar", {keys.pub}).find("signature does not verify"), std::string::npos);

  // Flip one byte inside the base64 signature of a real archive file.
  std::string bytes = read_file(tmp.path / "ok.tar");
  size_t at = bytes.find("ed25519 ");
  ASSERT_NE(at, std::string::npos);
  size_t sig = bytes.find(' ', at + 8) + 5;
  bytes[sig] = bytes[sig] == 'A' ? 'B' : 'A';
  write_file(tmp.path / "s.tar", bytes);
  EXPECT_NE(refusal(tmp.path / "s.tar", {keys.pub}).find("bundle.sig"), std::string::npos);
}

TEST_F(BundleTest, ChangedByteInACompressedBundleIsRefused) {
  build(content, "3", tmp.path / "b", keys);
  std::string bytes = read_file(tmp.path / "b");
  bytes[bytes.size() / 2] ^= 0x40;
  write_file(tmp.path / "b", bytes);
  fs::create_directories(tmp.path / "x");
  EXPECT_NE(refusal(tmp.path / "b", {keys.pub}, tmp.path / "x"), "");
}

TEST_F(BundleTest, UnsafeEntriesAreRefusedNamingTheEntry) {
  std::string d = "data";
  struct Case {
    RawEntry entry;
    std::string expected;
  } cases[] = {
      {{"/etc/cron.d/evil", d}, "/etc/cron.d/evil: unsafe path"},
      {{"../evil.txt", d}, "../evil.txt: unsafe path"},
      {{"images/../../evil.txt", d}, "unsafe path"},
      {{"a.txt", "", AE_IFLNK, "/etc/passwd"}, "a.txt: a symbolic link"},
      {{"a.txt", "", AE_IFREG, "../../etc/passwd"}, "a.txt: a hard link"},
      {{"a.txt", "", AE_IFCHR}, "a.txt: a character device"},
      {{"a.txt", "", AE_IFIFO}, "a.txt: a FIFO"},
  };
  for (const auto& c : cases) {
    fs::path out = tmp.path / "evil.tar";
    write_raw_bundle(out, keys, {listed("a.txt", d)}, {c.entry});
    fs::path into = tmp.path / "into";
    fs::remove_all(into);
    fs::create_directories(into);
    std::string error = refusal(out, {keys.pub}, into);
    EXPECT_NE(error.find(c.expected), std::string::npos) << c.entry.path << " → " << error;
    EXPECT_FALSE(fs::exists(tmp.path / "evil.txt"));
  }
}

TEST_F(BundleTest, MoreFilesOrBytesThanTheManifestSaysAreRefused) {
  std::string d = "12345";
  write_raw_bundle(tmp.path / "extra.tar", keys, {listed("a.txt", d)}, {{"a.txt", d}, {"b.txt", d}});
  EXPECT_NE(refusal(tmp.path / "extra.tar", {keys.pub}).find("b.txt: not listed in bundle.toml"), std::string::npos);

  write_raw_bundle(tmp.path / "more.tar", keys, {listed("a.txt", d)}, {{"a.txt", d + "6"}});
  EXPECT_NE(refusal(tmp.path / "more.tar", {keys.pub}).find("a.txt: more bytes than bundle.toml lists"), std::string::npos);

  write_raw_bundle(tmp.path / "twice.tar", keys, {listed("a.txt", d)}, {{"a.txt", d}, {"a.txt", d}});
  EXPECT_NE(refusal(tmp.path / "twice.tar", {keys.pub}).find("appears twice"), std::string::npos);

  write_raw_bundle(tmp.path / "missing.tar", keys, {listed("a.txt", d), listed("b.txt", d)}, {{"a.txt", d}});
  EXPECT_NE(refusal(tmp.path / "missing.tar", {keys.pub}).find("b.txt: listed in bundle.toml but missing"), std::string::npos);
}

TEST_F(BundleTest, TruncatedBundleIsRefused) {
  write_file(content / "images" / "big.bin", std::string(400'000, 'z'));
  build(content, "3", tmp.path / "b", keys, "gzip");
  for (double fraction : {0.05, 0.5, 0.95}) {
    std::string bytes = read_file(tmp.path / "b");
    write_file(tmp.path / "t", bytes.substr(0, static_cast<size_t>(bytes.size() * fraction)));
    EXPECT_NE(refusal(tmp.path / "t", {keys.pub}), "") << fraction;
  }
}

TEST_F(BundleTest, SizeCapRefusesBeforeExtractingAByte) {
  write_file(content / "images" / "big.bin", std::string(3 << 20, 'z'));  // compresses to almost nothing: a bomb in miniature
  build(content, "3", tmp.path / "b", keys);
  fs::create_directories(tmp.path / "x");
  BundleLimits limits;
  limits.max_bytes = 1 << 20;
  std::string error = refusal(tmp.path / "b", {keys.pub}, tmp.path / "x", limits);
  EXPECT_NE(error.find("over the limit of 1 MB"), std::string::npos) << error;
  EXPECT_TRUE(fs::is_empty(tmp.path / "x"));
}

TEST_F(BundleTest, BundleForANewerProgramIsRefused) {
  BuildRequest r;
  r.source = content;
  r.version = "3";
  r.out = tmp.path / "b";
  r.min_program_version = "99.0";
  build_bundle(r, keys.secret);
  EXPECT_NE(refusal(tmp.path / "b", {keys.pub}).find("needs ecolobby 99.0 or newer"), std::string::npos);
}

TEST_F(BundleTest, SymlinkInTheSourceIsRefusedAtBuildTime) {
  fs::create_symlink("/etc/passwd", content / "passwd");
  EXPECT_THROW(build(content, "3", tmp.path / "b", keys), BundleError);
  EXPECT_FALSE(fs::exists(tmp.path / "b"));
}
