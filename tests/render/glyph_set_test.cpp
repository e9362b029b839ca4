#include "render/glyph_set.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

using namespace eco;

TEST(GlyphSet, StartsWithAsciiAndUnits) {
  GlyphSet g;
  for (char32_t c : {U'A', U'z', U'0', U'℃', U'²', U'³', U'‰', U'·', U'，', U'。'}) EXPECT_TRUE(g.contains(c)) << int(c);
  EXPECT_FALSE(g.contains(U'碳'));
  EXPECT_LT(g.size(), 400u);
}

TEST(GlyphSet, AddsTextAndDirectories) {
  GlyphSet g;
  g.add_text("碳排放");
  EXPECT_TRUE(g.contains(U'碳'));
  EXPECT_TRUE(g.contains(U'排'));
  auto dir = std::filesystem::temp_directory_path() / "glyphset-test";
  std::filesystem::create_directories(dir / "sub");
  std::ofstream(dir / "sub" / "a.toml") << "title = \"垃圾分类\"\n";
  std::ofstream(dir / "b.png") << "不应读取";  // not a text file
  g.add_directory(dir);
  EXPECT_TRUE(g.contains(U'垃'));
  EXPECT_FALSE(g.contains(U'应'));
  std::filesystem::remove_all(dir);
}

TEST(GlyphSet, RangesAreSortedInclusivePairs) {
  GlyphSet g;
  g.add_text("节能节约");
  auto r = g.ranges();
  ASSERT_EQ(r.back(), 0u);
  ASSERT_EQ(r.size() % 2, 1u);
  for (size_t i = 0; i + 2 < r.size(); i += 2) {
    EXPECT_LE(r[i], r[i + 1]);
    if (i + 2 < r.size() - 1) {
      EXPECT_LT(r[i + 1] + 1, r[i + 2]);  // runs are merged
    }
  }
  EXPECT_EQ(r[0], 0x20u);
  EXPECT_EQ(r[1], 0x7Eu);
}

TEST(GlyphSet, MissingFromAndUtf8RoundTrip) {
  GlyphSet g;
  auto missing = g.missing_from("A碳B");
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0], U'碳');
  EXPECT_EQ(encode_utf8(U'碳'), "碳");
  auto cps = decode_utf8("a\xE7\xA2\xB3\xFF");
  ASSERT_EQ(cps.size(), 3u);
  EXPECT_EQ(cps[1], U'碳');
  EXPECT_EQ(cps[2], 0xFFFDu);
}
