// The install a screen hands to a child process: the real program (`bundle apply --json`) run
// by ChildInstaller, and how its outcome reaches the poller.
#include "update/child_installer.h"

#include "update/bundle_error.h"
#include "update_fixture.h"

using namespace eco::update;
using namespace eco::update::fixture;

namespace {

struct ChildInstallerTest : UpdateTest {
  fs::path config = tmp.path / "screen.toml";

  void SetUp() override { write_file(config, "data_dir = \"" + data.string() + "\"\n"); }
  fs::path bundle(const std::string& version, const Keys& signer) {
    fs::path out = tmp.path / ("bundle-" + version + ".tar.zst");
    build(make_content(tmp.path / ("src-" + version), "版本 " + version), version, out, signer);
    return out;
  }
  ChildInstaller installer() const { return {ECOLOBBY_BINARY, config.string(), data, {keys.pub}}; }
};

TEST_F(ChildInstallerTest, InstallsAGoodBundleAndReportsWhatTheChildInstalled) {
  std::optional<ApplyResult> r = installer().install(bundle("3", keys), nullptr);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->version, "3");
  EXPECT_EQ(r->signer_key_id, key_id(keys.pub));
  EXPECT_GT(r->bytes, 0u);
  auto current = ReleaseStore(data).current_dir();
  ASSERT_TRUE(current);
  EXPECT_EQ(fs::canonical(*current), fs::canonical(r->dir));
  EXPECT_NE(read_file(*current / "schedule.toml").find("版本 3"), std::string::npos);
}

TEST_F(ChildInstallerTest, ARefusedBundleIsABundleErrorWithTheChildsOneLineReason) {
  Keys stranger{tmp.path / "stranger"};
  try {
    installer().install(bundle("4", stranger), nullptr);
    FAIL() << "a bundle signed by an untrusted key was installed";
  } catch (const BundleError& e) {
    std::string what = e.what();
    EXPECT_EQ(what.rfind("bundle-4.tar.zst", 0), 0u) << what;  // names the file, without "ecolobby: "
    EXPECT_NE(what.find(key_id(stranger.pub)), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
  EXPECT_FALSE(ReleaseStore(data).current_dir());
}

TEST_F(ChildInstallerTest, AConfigurationBrokenOnDiskIsNotHeldAgainstTheBundle) {
  fs::path file = bundle("5", keys);
  // Hand-edited while the screen runs: unreadable, or readable but failing a check the content
  // check also runs (the status endpoint's token).
  for (std::string broken : {std::string("data_dir = [\n"),
                             "data_dir = \"" + data.string() + "\"\n[status]\nlisten = \"127.0.0.1:8088\"\ntoken = \"short\"\n"}) {
    write_file(config, broken);
    try {
      installer().install(file, nullptr);
      FAIL() << "installed with a broken configuration: " << broken;
    } catch (const BundleError& e) {
      FAIL() << "the bundle was blamed (it would not be retried): " << e.what();
    } catch (const std::runtime_error& e) {
      std::string what = e.what();
      EXPECT_EQ(what.rfind("bundle-5.tar.zst: ", 0), 0u) << what;
      EXPECT_NE(what.find("screen.toml:"), std::string::npos) << what;
      EXPECT_EQ(what.find("unknown key"), std::string::npos) << what;
    }
    EXPECT_FALSE(ReleaseStore(data).current_dir());
  }
  write_file(config, "data_dir = \"" + data.string() + "\"\n");
  EXPECT_TRUE(installer().install(file, nullptr));  // mended: the same bundle goes in
}

// The outcome of a child that dies, judged by how: a stand-in program in place of ecolobby.
struct DyingInstallerTest : ChildInstallerTest {
  std::optional<ApplyResult> install_with(const std::string& script, const std::atomic<bool>* stop = nullptr) {
    fs::path program = tmp.path / "installer.sh";
    write_file(program, "#!/bin/sh\n" + script + "\n");
    fs::permissions(program, fs::perms::owner_all);
    return ChildInstaller{program, config.string(), data, {keys.pub}}.install(tmp.path / "bundle-6", stop);
  }
};

TEST_F(DyingInstallerTest, ACrashOnTheBundleRefusesIt) {
  for (const char* sig : {"SEGV", "ABRT"}) {
    try {
      install_with(std::string("kill -") + sig + " $$");
      FAIL() << sig << " was not reported";
    } catch (const BundleError& e) {
      EXPECT_EQ(std::string(e.what()).rfind("bundle-6: the install process crashed on it", 0), 0u) << e.what();
    }
  }
}

TEST_F(DyingInstallerTest, AKillFromOutsideIsRetriedNotBlamedOnTheBundle) {
  for (const char* sig : {"KILL", "TERM"}) {
    try {
      install_with(std::string("kill -") + sig + " $$");
      FAIL() << sig << " was not reported";
    } catch (const BundleError& e) {
      FAIL() << "SIG" << sig << " (OOM killer, service stop) refused the bundle: " << e.what();
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("trying again"), std::string::npos) << e.what();
    }
  }
}

TEST_F(DyingInstallerTest, StoppingTheScreenEndsTheInstallWithoutAVerdict) {
  std::atomic<bool> stop{true};
  EXPECT_FALSE(install_with("sleep 30", &stop));
}

}  // namespace
