#include "update/version.h"

#include <gtest/gtest.h>

using namespace eco::update;

TEST(Version, ComparesNumerically) {
  EXPECT_LT(*Version::parse("2026.11.9"), *Version::parse("2026.11.10"));
  EXPECT_EQ(*Version::parse("7"), *Version::parse("7.0"));
  EXPECT_GT(*Version::parse("8"), *Version::parse("7.99"));
  EXPECT_FALSE(Version::parse("7a"));
  EXPECT_FALSE(Version::parse("1..2"));
  EXPECT_FALSE(Version::parse(""));
  EXPECT_FALSE(Version::parse("-1"));
}
