#include "base/safe_path.h"

#include <gtest/gtest.h>

using namespace eco;

TEST(EntryPath, RefusesEverythingThatCouldLeaveTheRelease) {
  EXPECT_EQ(eco::normalize_entry_path("./images/a.png").value_or(""), "images/a.png");
  for (const char* bad : {"/etc/passwd", "../x", "a/../../x", "a//b", ".hidden", "a/./b", "a\\b", "", "a/"})
    EXPECT_FALSE(eco::normalize_entry_path(bad)) << bad;
}

TEST(EntryPath, KeepsOrdinaryNamesAsTheyAre) {
  for (const char* good : {"schedule.toml", "quiz/energy-week.toml", "images/节能 海报 2026.png", "a/b/c/d.e.f", "x..y"})
    EXPECT_EQ(normalize_entry_path(good).value_or("(refused)"), good);
}

TEST(EntryPath, StripsOneLeadingDotSlashOnly) {
  EXPECT_EQ(normalize_entry_path("./a").value_or(""), "a");
  EXPECT_FALSE(normalize_entry_path("././a"));
  EXPECT_FALSE(normalize_entry_path("./"));
  EXPECT_FALSE(normalize_entry_path("."));
  EXPECT_FALSE(normalize_entry_path(".."));
}

TEST(EntryPath, RefusesHiddenFoldersAnywhereAndControlCharacters) {
  for (const char* bad : {"plugins/.git/config", "a/.b", "a/..", "tab\there", "line\nbreak", "del\x7f"})
    EXPECT_FALSE(normalize_entry_path(bad)) << bad;
  EXPECT_FALSE(normalize_entry_path(std::string_view("nul\0byte", 8)));
}

TEST(EntryPath, RefusesAPathOver1024Bytes) {
  std::string longest(1024, 'a'), longer(1025, 'a');
  EXPECT_EQ(normalize_entry_path(longest).value_or(""), longest);
  EXPECT_FALSE(normalize_entry_path(longer));
}
