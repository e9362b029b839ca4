// The crash-loop guard on a real file in a temporary data directory.
#include "app/crash_guard.h"

#include <fstream>

#include <gtest/gtest.h>

using namespace eco;
namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path = fs::temp_directory_path() / ("crash-guard-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
                                               "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  TempDir() { fs::create_directories(path); }
  ~TempDir() { fs::remove_all(path); }
};

constexpr int64_t kT0 = 1'782'266'000;

}  // namespace

TEST(CrashGuard, ThreeUnfinishedStartsInTheWindowMeanSafeMode) {
  TempDir dir;
  for (int i = 0; i < 3; ++i) EXPECT_FALSE(CrashGuard(dir.path).begin(kT0 + i * 10)) << "start " << i;
  CrashGuard fourth(dir.path);
  EXPECT_TRUE(fourth.begin(kT0 + 40));
  EXPECT_EQ(fourth.recent_failures(), 3);
}

TEST(CrashGuard, CrashesOlderThanTheWindowAreForgotten) {
  TempDir dir;
  for (int i = 0; i < 3; ++i) CrashGuard(dir.path).begin(kT0 + i);
  EXPECT_FALSE(CrashGuard(dir.path).begin(kT0 + 11 * 60)) << "ten minutes later the loop is over";
}

TEST(CrashGuard, ARunThatWentWellClearsTheCountAndRemembersItsContent) {
  TempDir dir;
  fs::create_directories(dir.path / "release-7");
  for (int i = 0; i < 2; ++i) CrashGuard(dir.path).begin(kT0 + i);
  {
    CrashGuard ok(dir.path);
    EXPECT_FALSE(ok.begin(kT0 + 5));
    ok.mark_healthy(dir.path / "release-7");
  }
  for (int i = 0; i < 2; ++i) EXPECT_FALSE(CrashGuard(dir.path).begin(kT0 + 10 + i));
  CrashGuard later(dir.path);
  EXPECT_FALSE(later.begin(kT0 + 20)) << "only two crashes since the good run";
  ASSERT_TRUE(later.last_good_content());
  EXPECT_EQ(*later.last_good_content(), dir.path / "release-7");
}

TEST(CrashGuard, SafeModeRunDoesNotBecomeTheLastGoodContentAndAVanishedOneIsNotOffered) {
  TempDir dir;
  fs::create_directories(dir.path / "good");
  {
    CrashGuard g(dir.path);
    g.begin(kT0);
    g.mark_healthy(dir.path / "good");
  }
  for (int i = 0; i < 3; ++i) CrashGuard(dir.path).begin(kT0 + 100 + i);
  {
    CrashGuard safe(dir.path);
    ASSERT_TRUE(safe.begin(kT0 + 110));
    safe.mark_healthy(dir.path / "bundled");
  }
  CrashGuard after(dir.path);
  EXPECT_FALSE(after.begin(kT0 + 120)) << "safe mode ran well: the next start is normal";
  EXPECT_EQ(*after.last_good_content(), dir.path / "good");
  fs::remove_all(dir.path / "good");
  EXPECT_FALSE(after.last_good_content());
}

TEST(CrashGuard, ACorruptFileStartsAfresh) {
  TempDir dir;
  std::ofstream(dir.path / "starts.json") << "{not json";
  CrashGuard g(dir.path);
  EXPECT_FALSE(g.begin(kT0));
  EXPECT_FALSE(CrashGuard(dir.path).begin(kT0 + 1));
}
