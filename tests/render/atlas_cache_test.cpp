// The baked font atlas kept in the data directory: a second start with the same fonts and text
// gets the very same texture and glyphs without baking; anything stale, damaged or unwritable
// falls back to baking, never to a broken screen.
#include "render/atlas_cache.h"
#include "render/font_atlas.h"

#include <imgui.h>

#include <gtest/gtest.h>

#include <cstring>
#include <unistd.h>
#include <filesystem>
#include <fstream>
#include <vector>

using namespace eco;
namespace fs = std::filesystem;

namespace {

struct Baked {
  bool from_cache = false;
  bool built = false;
  std::vector<unsigned char> pixels;
  int width = 0, height = 0;
  ImFontGlyph carbon{};  // 碳 in the body-text font
  size_t characters = 0;
};

class AtlasCache : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("atlas-cache-" + std::to_string(::getpid()) + "-" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir);
    file = dir / "cache" / "font-atlas.bin";
  }
  void TearDown() override { fs::remove_all(dir); }

  // One start: a fresh ImGui atlas, the given text, the cache at `cache`. The FontAtlas is gone
  // (and its cache written) when this returns, as at the end of a run.
  Baked start(const std::string& text, float scale = 1.0f, const fs::path& cache = {}) {
    Baked out;
    ImFontAtlas atlas;
    {
      FontAtlas fonts(&atlas, find_font_files(), scale);
      fonts.use_cache(cache.empty() ? file : cache);
      fonts.glyphs().add_text(text);
      out.built = fonts.build();
      out.from_cache = fonts.last_build_from_cache();
      out.characters = fonts.glyphs().size();
      if (const ImFontGlyph* g = fonts.pick(28 * scale, false, "碳")->FindGlyphNoFallback(U'碳')) out.carbon = *g;
      unsigned char* pixels = nullptr;
      atlas.GetTexDataAsAlpha8(&pixels, &out.width, &out.height);
      out.pixels.assign(pixels, pixels + static_cast<size_t>(out.width) * out.height);
    }
    return out;
  }

  fs::path dir, file;
};

const std::string kText = "碳排放 单位建筑面积能耗 县政府办公楼 节能宣传周 全国低碳日 ℃ m² 12,345.6";

}  // namespace

TEST_F(AtlasCache, ASecondStartLoadsTheSameAtlasInsteadOfBaking) {
  Baked first = start(kText);
  ASSERT_TRUE(first.built);
  EXPECT_FALSE(first.from_cache);
  ASSERT_TRUE(fs::exists(file)) << "the first start leaves the cache behind";

  Baked second = start(kText);
  ASSERT_TRUE(second.built);
  EXPECT_TRUE(second.from_cache);
  EXPECT_EQ(second.width, first.width);
  EXPECT_EQ(second.height, first.height);
  EXPECT_TRUE(second.pixels == first.pixels) << "the cached texture differs from the baked one";
  EXPECT_GT(second.carbon.X1, second.carbon.X0) << "碳 has a glyph";
  EXPECT_EQ(std::memcmp(&second.carbon, &first.carbon, sizeof(ImFontGlyph)), 0);
}

TEST_F(AtlasCache, ExtraCharactersFromTheLastRunAreKeptSoTheyNeedNoRebuild) {
  start(kText + " 鑫源大厦");  // last run: the feed brought a building name
  ImFontAtlas atlas;
  FontAtlas fonts(&atlas, find_font_files());
  fonts.use_cache(file);
  fonts.glyphs().add_text(kText);
  ASSERT_TRUE(fonts.build());
  EXPECT_TRUE(fonts.last_build_from_cache());
  EXPECT_FALSE(fonts.note_text("鑫源大厦")) << "already baked: no rebuild when the feed shows it again";
  EXPECT_NE(fonts.pick(28, false, "鑫")->FindGlyphNoFallback(U'鑫'), nullptr);
}

TEST_F(AtlasCache, ANewCharacterMeansAFreshBakeThenTheNewCacheIsUsed) {
  start(kText);
  Baked more = start(kText + " 鑫");
  EXPECT_FALSE(more.from_cache) << "鑫 is not in the cache";
  Baked again = start(kText + " 鑫");
  EXPECT_TRUE(again.from_cache);
}

TEST_F(AtlasCache, OtherSizesOrFontsDoNotUseIt) {
  start(kText);
  EXPECT_FALSE(start(kText, 1.25f).from_cache) << "large print bakes bigger glyphs";
}

TEST_F(AtlasCache, ACacheFarBiggerThanTheTextIsRebaked) {
  std::string lots = kText;
  for (char32_t c = U'一'; c < U'一' + 600; ++c) lots += encode_utf8(c);
  start(lots);
  EXPECT_FALSE(start(kText).from_cache) << "600 unused characters would waste texture memory";
}

TEST_F(AtlasCache, ADamagedCacheIsBakedAgainAndReplaced) {
  start(kText);
  auto size = fs::file_size(file);
  for (auto damage : {+[](const fs::path& f, uintmax_t n) { fs::resize_file(f, n / 2); },
                      +[](const fs::path& f, uintmax_t) {
                        std::fstream io(f, std::ios::in | std::ios::out | std::ios::binary);
                        io.seekp(0);
                        io.write("XXXX", 4);
                      },
                      +[](const fs::path& f, uintmax_t n) {
                        std::ofstream(f, std::ios::app | std::ios::binary) << "trailing";
                        (void)n;
                      }}) {
    damage(file, size);
    Baked rebaked = start(kText);
    ASSERT_TRUE(rebaked.built);
    EXPECT_FALSE(rebaked.from_cache);
    EXPECT_GT(rebaked.carbon.X1, rebaked.carbon.X0) << "the rebaked atlas draws 碳";
    EXPECT_EQ(fs::file_size(file), size) << "the damaged cache was replaced by a good one";
    EXPECT_TRUE(start(kText).from_cache);
  }
}

TEST_F(AtlasCache, AnUnwritablePlaceOnlyCostsTheHeadStart) {
  std::ofstream(dir / "not-a-directory") << "x";
  fs::path impossible = dir / "not-a-directory" / "font-atlas.bin";
  Baked first = start(kText, 1.0f, impossible);
  EXPECT_TRUE(first.built);
  EXPECT_GT(first.carbon.X1, first.carbon.X0);
  EXPECT_FALSE(start(kText, 1.0f, impossible).from_cache);
}

TEST_F(AtlasCache, AWriteInterruptedByACrashLeavesNothingBehindForLong) {
  fs::create_directories(file.parent_path());
  fs::path leftover = file, live = file;
  leftover += ".tmp2147483000";  // no such process
  live += ".tmp" + std::to_string(::getppid());  // a process that is running: maybe still writing
  std::ofstream(leftover) << "half a cache";
  std::ofstream(live) << "being written";
  start(kText);
  EXPECT_FALSE(fs::exists(leftover));
  EXPECT_TRUE(fs::exists(live));
  EXPECT_TRUE(start(kText).from_cache);
}
