// Releases on a real file system: the current link, history, downgrade and replay refusals,
// rollback, pruning, a failing content check and a full disk (a real 2 MB tmpfs).
#include <sys/mount.h>

#include <set>

#include "base/iso8601.h"
#include "update/bundle_error.h"
#include "update/release_store.h"
#include "update_fixture.h"

using namespace eco::update;
using namespace eco::update::fixture;

namespace {

struct ReleaseTest : UpdateTest {

  fs::path bundle(const std::string& version, const std::string& extra_file = {}, size_t extra_bytes = 0) {
    fs::path content = make_content(tmp.path / ("src-" + version), "版本 " + version);
    if (!extra_file.empty()) write_file(content / extra_file, std::string(extra_bytes, 'q'));
    fs::path out = tmp.path / ("bundle-" + version + ".tar.zst");
    build(content, version, out, keys);
    return out;
  }
  std::string apply_error(ReleaseStore& store, const fs::path& b, const ContentCheck& check = {}) {
    try {
      store.apply(b, {keys.pub}, check);
      return "";
    } catch (const BundleError& e) {
      return e.what();
    }
  }
  std::string showing(const ReleaseStore& store) {
    auto dir = store.current_dir();
    return dir ? read_file(*dir / "schedule.toml") : "";
  }
};

}  // namespace

TEST_F(ReleaseTest, ApplySwitchesTheCurrentLinkAndKeepsHistory) {
  ReleaseStore store(data);
  EXPECT_FALSE(store.current_dir());
  ApplyResult r = store.apply(bundle("1"), {keys.pub}, {});
  EXPECT_EQ(r.version, "1");
  EXPECT_EQ(fs::read_symlink(data / "content" / "current"), fs::path("releases/1"));
  store.apply(bundle("2"), {keys.pub}, {});
  EXPECT_NE(showing(store).find("版本 2"), std::string::npos);
  UpdateState s = store.state();
  EXPECT_EQ(s.current, "2");
  EXPECT_EQ(s.previous, std::vector<std::string>{"1"});
  EXPECT_EQ(s.pending, "2");
  EXPECT_FALSE(fs::exists(data / "content" / "staging"));
}

TEST_F(ReleaseTest, DowngradeAndReplayAreRefusedAndTheCurrentReleaseStays) {
  ReleaseStore store(data);
  fs::path v1 = bundle("1"), v2 = bundle("2");
  store.apply(v2, {keys.pub}, {});
  EXPECT_NE(apply_error(store, v2).find("not newer than the current 2"), std::string::npos);
  EXPECT_NE(apply_error(store, v1).find("downgrade or replay refused"), std::string::npos);
  EXPECT_NE(showing(store).find("版本 2"), std::string::npos);
  EXPECT_NE(store.state().last_error.find("not newer"), std::string::npos);
}

TEST_F(ReleaseTest, KeepsTheLastThreeReleases) {
  ReleaseStore store(data, 3);
  for (int v = 1; v <= 5; ++v) store.apply(bundle(std::to_string(v)), {keys.pub}, {});
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(data / "content" / "releases")) names.push_back(e.path().filename());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"3", "4", "5"}));
  EXPECT_EQ(store.state().previous, (std::vector<std::string>{"4", "3"}));
}

TEST_F(ReleaseTest, RollbackGoesBackAndNeverRetriesTheBadVersion) {
  ReleaseStore store(data);
  store.apply(bundle("1"), {keys.pub}, {});
  store.confirm("1");
  fs::path v2 = bundle("2");
  store.apply(v2, {keys.pub}, {});
  auto back = store.roll_back("2", "plugin:quiz: main.lua:3: boom");
  ASSERT_TRUE(back);
  EXPECT_EQ(ReleaseStore::version_of(*back), "1");
  UpdateState s = store.state();
  EXPECT_EQ(s.current, "1");
  EXPECT_EQ(s.bad.at("2"), "plugin:quiz: main.lua:3: boom");
  EXPECT_TRUE(s.pending.empty());
  EXPECT_FALSE(fs::exists(data / "content" / "releases" / "2"));
  EXPECT_NE(apply_error(store, v2).find("rolled back before"), std::string::npos);
  EXPECT_EQ(apply_error(store, bundle("3")), "");
}

TEST_F(ReleaseTest, RollbackWithNothingBeforeReturnsToTheBundledContent) {
  ReleaseStore store(data);
  store.apply(bundle("1"), {keys.pub}, {});
  EXPECT_FALSE(store.roll_back("1", "broken"));
  EXPECT_FALSE(fs::exists(fs::symlink_status(data / "content" / "current")));
}

TEST_F(ReleaseTest, FailingContentCheckLeavesEverythingAsItWas) {
  ReleaseStore store(data);
  store.apply(bundle("1"), {keys.pub}, {});
  ContentCheck check = [](const fs::path& dir) {
    return std::vector<std::string>{(dir / "schedule.toml").string() + ":3: key 'slot.scene': unknown scene 'nope'"};
  };
  std::string error = apply_error(store, bundle("2"), check);
  EXPECT_NE(error.find("content check failed"), std::string::npos) << error;
  EXPECT_NE(error.find("unknown scene 'nope'"), std::string::npos) << error;
  EXPECT_NE(showing(store).find("版本 1"), std::string::npos);
  EXPECT_FALSE(fs::exists(data / "content" / "releases" / "2"));
  EXPECT_FALSE(fs::exists(data / "content" / "staging"));
}

TEST_F(ReleaseTest, RecoverRollsBackAReleaseTheKioskKeepsDyingOn) {
  ReleaseStore store(data);
  store.apply(bundle("1"), {keys.pub}, {});
  store.confirm("1");
  store.apply(bundle("2"), {keys.pub}, {});
  for (int start = 1; start <= 3; ++start) EXPECT_EQ(store.recover().value_or(""), "2") << start;
  EXPECT_FALSE(store.recover());  // the fourth start without a health verdict
  EXPECT_EQ(store.state().current, "1");
  EXPECT_TRUE(store.state().bad.contains("2"));
}

// `previous` names exactly the releases on disk besides the current one, whatever happened.
TEST_F(ReleaseTest, PreviousListAndKeptReleasesAgreeAfterRollbacks) {
  ReleaseStore store(data, 3);
  auto on_disk = [&] {
    std::set<std::string> names;
    for (const auto& e : fs::directory_iterator(data / "content" / "releases")) names.insert(e.path().filename());
    return names;
  };
  auto agree = [&](const char* when) {
    UpdateState s = store.state();
    std::set<std::string> listed(s.previous.begin(), s.previous.end());
    if (!s.current.empty()) listed.insert(s.current);
    EXPECT_EQ(listed, on_disk()) << when;
    EXPECT_LE(s.previous.size() + 1, 3u) << when;
    for (const auto& p : s.previous) EXPECT_FALSE(s.bad.contains(p)) << when << ": " << p;
  };
  for (int v = 1; v <= 5; ++v) store.apply(bundle(std::to_string(v)), {keys.pub}, {});
  agree("after five updates");
  store.roll_back("5", "broken");
  agree("after one rollback");
  EXPECT_EQ(store.state().current, "4");
  EXPECT_EQ(store.state().previous, std::vector<std::string>{"3"});
  store.apply(bundle("6"), {keys.pub}, {});
  agree("after the next update");
  EXPECT_EQ(store.state().previous, (std::vector<std::string>{"4", "3"}));
  // A verdict on an older version than the current one: it leaves the list, and the disk.
  store.roll_back("4", "found broken later");
  agree("after a verdict on a previous version");
  EXPECT_EQ(store.state().current, "6");
  EXPECT_EQ(store.state().previous, std::vector<std::string>{"3"});
  store.roll_back("6", "broken too");
  agree("after rolling back past it");
  EXPECT_EQ(store.state().current, "3");
}

TEST_F(ReleaseTest, RefusedBundlesAreRemembered) {
  ReleaseStore store(data);
  store.apply(bundle("1"), {keys.pub}, {});
  ContentCheck check = [](const fs::path&) { return std::vector<std::string>{"schedule.toml:1: broken"}; };
  EXPECT_NE(apply_error(store, bundle("2"), check), "");
  EXPECT_NE(store.state().refused.at("2").find("content check failed"), std::string::npos);
  store.note_check("over max_bundle_mb", "refused", "3");
  EXPECT_EQ(store.state().refused.at("3"), "over max_bundle_mb");
  store.apply(bundle("4"), {keys.pub}, {});
  EXPECT_EQ(store.state().refused.size(), 2u);
  EXPECT_FALSE(store.state().refused.contains("4"));
}

TEST_F(ReleaseTest, LastSuccessIsTheLastCheckWithoutAnError) {
  ReleaseStore store(data);
  EXPECT_EQ(store.state().last_success, "") << "never checked";
  store.note_check("http://x/latest.json: HTTP 500", "fetch_failed");
  EXPECT_EQ(store.state().last_success, "") << "a failed check is no success";
  store.note_check("", "not_in_rollout");
  std::string ok = store.state().last_success;
  EXPECT_EQ(ok, store.state().last_check);
  EXPECT_TRUE(eco::parse_iso8601(ok)) << ok;
  store.note_check("http://x/latest.json: timed out");
  EXPECT_EQ(store.state().last_success, ok) << "kept across a later failure (and in state.json: a new store reads it)";
  EXPECT_EQ(ReleaseStore(data).state().last_success, ok);
}

TEST_F(ReleaseTest, FullDiskDuringExtractionKeepsTheCurrentRelease) {
  if (::geteuid() != 0) GTEST_SKIP() << "mounting a small tmpfs needs root (CI runs as root)";
  fs::create_directories(data);
  if (::mount("tmpfs", data.c_str(), "tmpfs", 0, "size=2m") != 0) GTEST_SKIP() << "cannot mount tmpfs here: " << std::strerror(errno);
  struct Unmount {
    fs::path p;
    ~Unmount() { ::umount2(p.c_str(), MNT_DETACH); }
  } unmount{data};
  ReleaseStore store(data);
  store.apply(bundle("1"), {keys.pub}, {});
  fs::path too_big = bundle("2", "images/big.bin", 3 << 20);
  try {
    store.apply(too_big, {keys.pub}, {});
    FAIL() << "a 3 MB release fitted on a 2 MB disk";
  } catch (const StoreError& e) {  // the disk's fault, not the bundle's: it is tried again later
    EXPECT_NE(std::string(e.what()).find("No space left on device"), std::string::npos) << e.what();
  } catch (const BundleError& e) {
    FAIL() << "a full disk was blamed on the bundle: " << e.what();
  }
  EXPECT_NE(showing(store).find("版本 1"), std::string::npos);
  EXPECT_FALSE(fs::exists(data / "content" / "staging"));  // the space is given back
  EXPECT_EQ(apply_error(store, bundle("3")), "");           // and the next update fits
}
