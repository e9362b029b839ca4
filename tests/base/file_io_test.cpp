#include "base/file_io.h"

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include <gtest/gtest.h>

using namespace eco;
namespace fs = std::filesystem;

namespace {

class FileIo : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("file_io_test." + std::to_string(::getpid()) + "." +
                                              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override {
    fs::permissions(dir, fs::perms::owner_all, fs::perm_options::add);
    fs::remove_all(dir);
  }
  // Everything in the folder but the file itself: where a temporary file would show.
  std::vector<std::string> others_than(const fs::path& file) const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path() != file) out.push_back(e.path().filename().string());
    return out;
  }
};

}  // namespace

TEST_F(FileIo, ReadsEveryByteOfAFile) {
  std::string bytes("节能\0\r\n\xff end", 13);
  std::ofstream(dir / "a.bin", std::ios::binary) << bytes;
  EXPECT_EQ(read_whole_file(dir / "a.bin"), bytes);
  std::ofstream(dir / "empty");
  EXPECT_EQ(read_whole_file(dir / "empty"), "");
}

TEST_F(FileIo, AMissingFileIsNulloptWithTheReason) {
  std::string reason;
  EXPECT_EQ(read_whole_file(dir / "nope.toml", &reason), std::nullopt);
  EXPECT_EQ(reason, "No such file or directory");
  EXPECT_EQ(read_whole_file(dir / "nope.toml"), std::nullopt);  // the reason is optional
}

TEST_F(FileIo, ReplaceCreatesThenReplacesAndLeavesNoTemporaryFile) {
  fs::path file = dir / "state.json";
  EXPECT_EQ(replace_file(file, "first\n"), "");
  EXPECT_EQ(read_whole_file(file), "first\n");
  EXPECT_EQ(replace_file(file, "second, longer than the first\n"), "");
  EXPECT_EQ(read_whole_file(file), "second, longer than the first\n");
  EXPECT_EQ(replace_file(file, ""), "");
  EXPECT_EQ(read_whole_file(file), "");
  EXPECT_TRUE(others_than(file).empty());
}

TEST_F(FileIo, ReplaceCreatesFilesAsTheUmaskAllows) {
  mode_t old = ::umask(022);
  EXPECT_EQ(replace_file(dir / "f", "x"), "");
  ::umask(old);
  EXPECT_EQ(fs::status(dir / "f").permissions(), fs::perms(0644));
}

TEST_F(FileIo, ReplaceInAMissingFolderFailsWithOneLineNamingTheFile) {
  fs::path file = dir / "no-such-folder" / "starts.json";
  std::string error = replace_file(file, "x");
  EXPECT_EQ(error, file.string() + ": cannot write (No such file or directory)");
  EXPECT_FALSE(fs::exists(file.parent_path()));
}

TEST_F(FileIo, AFailedRenameKeepsTheOldAndRemovesTheTemporaryFile) {
  fs::path file = dir / "cache.bin";
  fs::create_directories(file / "in-the-way");  // a non-empty folder cannot be renamed over
  std::string error = replace_file(file, "new bytes");
  EXPECT_EQ(error.rfind(file.string() + ": cannot replace (", 0), 0u) << error;
  EXPECT_EQ(error.find('\n'), std::string::npos);
  EXPECT_TRUE(fs::is_directory(file / "in-the-way"));
  EXPECT_TRUE(others_than(file).empty());
}

TEST_F(FileIo, AReadOnlyFolderKeepsTheOldFile) {
  if (::geteuid() == 0) GTEST_SKIP() << "root writes into read-only folders";
  fs::path file = dir / "state.json";
  ASSERT_EQ(replace_file(file, "old"), "");
  fs::permissions(dir, fs::perms::owner_read | fs::perms::owner_exec);
  EXPECT_EQ(replace_file(file, "new"), file.string() + ": cannot write (Permission denied)");
  EXPECT_EQ(read_whole_file(file), "old");
}

TEST_F(FileIo, ATemporaryFileOfAKilledWriterIsClearedByTheNextWrite) {
  fs::path file = dir / "starts.json", dead = file, live = file, unrelated = file;
  dead += ".tmp2147483000";                      // no such process
  live += ".tmp" + std::to_string(::getppid());  // a running process: it may be writing still
  unrelated += ".tmpold";                        // not a writer's name
  for (const fs::path& p : {dead, live, unrelated}) std::ofstream(p) << "half";
  EXPECT_EQ(replace_file(file, "whole"), "");
  EXPECT_FALSE(fs::exists(dead));
  EXPECT_TRUE(fs::exists(live));
  EXPECT_TRUE(fs::exists(unrelated));
  EXPECT_EQ(read_whole_file(file), "whole");
}

TEST_F(FileIo, ARelativeNameIsWrittenInTheWorkingFolder) {
  fs::path before = fs::current_path();
  fs::current_path(dir);
  EXPECT_EQ(replace_file("here.txt", "x"), "");
  fs::current_path(before);
  EXPECT_EQ(read_whole_file(dir / "here.txt"), "x");
  EXPECT_TRUE(others_than(dir / "here.txt").empty());
}
