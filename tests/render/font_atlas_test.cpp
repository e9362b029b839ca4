// Bakes the real system fonts (fonts-noto-cjk) and checks that every character the bundled
// content and locale files show has a real glyph: nothing would be drawn as "?".
#include "render/font_atlas.h"

#include <imgui.h>

#include <gtest/gtest.h>

#include "render/glyph_set.h"

using namespace eco;

TEST(FontAtlas, FindsNotoSansCjkScFaceTwo) {
  auto files = find_font_files();
  ASSERT_TRUE(files) << "fonts-noto-cjk must be installed";
  EXPECT_NE(files->regular.path.find("NotoSansCJK-Regular.ttc"), std::string::npos);
  EXPECT_EQ(files->regular.face_index, 2);
}

TEST(FontAtlas, EveryBundledCharacterHasAGlyph) {
  ImFontAtlas atlas;
  FontAtlas fonts(&atlas, find_font_files());
  fonts.glyphs().add_directory(std::string(ECOLOBBY_SOURCE_DIR) + "/content");
  fonts.glyphs().add_directory(std::string(ECOLOBBY_SOURCE_DIR) + "/assets/locale");
  fonts.glyphs().add_directory(std::string(ECOLOBBY_SOURCE_DIR) + "/plugins");
  ASSERT_TRUE(fonts.build());
  EXPECT_TRUE(fonts.missing().empty()) << "missing " << fonts.missing().size() << " glyphs";
  for (char32_t c : {U'碳', U'℃', U'垫', U'江', U'㎡', U'²'}) {
    if (!fonts.glyphs().contains(c)) continue;
    ImFont* font = fonts.pick(40, false, encode_utf8(c));
    EXPECT_NE(font->FindGlyphNoFallback(static_cast<ImWchar>(c)), nullptr) << encode_utf8(c);
  }
  int w = 0, h = 0;
  unsigned char* pixels = nullptr;
  atlas.GetTexDataAsAlpha8(&pixels, &w, &h);
  EXPECT_LE(w * h, 4096 * 4096) << "atlas too large: " << w << "x" << h;
}

TEST(FontAtlas, UnknownCharacterIsReportedMissingOnce) {
  ImFontAtlas atlas;
  FontAtlas fonts(&atlas, find_font_files());
  fonts.glyphs().add_text("\xEE\x80\x80");  // U+E000, private use: no font has it
  fonts.build();
  EXPECT_TRUE(fonts.missing().contains(0xE000));
  EXPECT_FALSE(fonts.note_text("\xEE\x80\x80"));  // already known missing: no rebuild loop
}

TEST(FontAtlas, NewTextTriggersRebuildWithTheGlyph) {
  ImFontAtlas atlas;
  FontAtlas fonts(&atlas, find_font_files());
  fonts.build();
  EXPECT_FALSE(fonts.needs_rebuild());
  EXPECT_TRUE(fonts.note_text("县政府办公楼"));
  fonts.build();
  EXPECT_NE(fonts.pick(40, false, "楼")->FindGlyphNoFallback(static_cast<ImWchar>(U'楼')), nullptr);
}

// (issue #19, 9) Content primed into the glyph set after the first bake (a --dev reload, an
// update switched to) is baked before the next frame; until then what is drawn with it is
// reported as drawn missing ("?" on screen), and nothing once it is baked.
TEST(FontAtlas, CharactersPrimedAfterABuildAreBakedBeforeTheNextFrame) {
  ImFontAtlas atlas;
  FontAtlas fonts(&atlas, find_font_files());
  ASSERT_TRUE(fonts.build());
  fonts.glyphs().add_text("饕餮已更新");  // what a switch does with the new content's files
  EXPECT_TRUE(fonts.needs_rebuild());
  fonts.note_text("饕饕 ok");
  EXPECT_EQ(fonts.take_drawn_missing(), "饕") << "drawn before the rebuild: as '?'";
  EXPECT_EQ(fonts.take_drawn_missing(), "") << "taken";
  fonts.build();
  EXPECT_FALSE(fonts.needs_rebuild());
  fonts.note_text("饕饕 ok");
  EXPECT_EQ(fonts.take_drawn_missing(), "");
  EXPECT_NE(fonts.pick(40, false, "饕")->FindGlyphNoFallback(static_cast<ImWchar>(U'饕')), nullptr);
}

TEST(FontAtlas, BigNumeralsUseTheNumeralBakeOnlyForDigits) {
  ImFontAtlas atlas;
  FontAtlas fonts(&atlas, find_font_files());
  fonts.glyphs().add_text("千瓦时");
  fonts.build();
  ImFont* digits = fonts.pick(160, true, "12,345.6");
  ImFont* words = fonts.pick(160, true, "千瓦时");
  EXPECT_GE(digits->FontSize, 128);
  EXPECT_NE(words->FindGlyphNoFallback(static_cast<ImWchar>(U'瓦')), nullptr);
}

// (issue #17, 10a) Characters text drawn for a plugin adds are capped per plugin, and the
// rebuilds they ask for are batched; the kiosk's own text still rebuilds at once.
TEST(FontAtlas, PluginCharactersAreCappedAndTheirRebuildsBatched) {
  ImFontAtlas atlas;
  FontAtlas fonts(&atlas, find_font_files());
  ASSERT_TRUE(fonts.build());
  size_t base = fonts.glyphs().size();
  auto cjk = [](char32_t first, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += encode_utf8(first + static_cast<char32_t>(i));
    return s;
  };
  GlyphQuota quota;
  quota.owner = "plugin hostile";
  quota.limit = 40;
  auto t0 = FontAtlas::SteadyClock::now();
  {
    GlyphQuotaScope scope(&quota);
    fonts.note_text(cjk(0x4E00, 300));  // 300 characters no content has
  }
  EXPECT_EQ(quota.added, 40u);
  EXPECT_TRUE(quota.warned);
  EXPECT_EQ(fonts.glyphs().size(), base + 40);
  EXPECT_TRUE(fonts.needs_rebuild(t0)) << "the first batch is baked at once";
  fonts.build();
  EXPECT_FALSE(fonts.needs_rebuild());
  {
    GlyphQuotaScope scope(&quota);
    fonts.note_text(cjk(0x5E00, 300));  // over its cap: nothing more for this plugin
  }
  EXPECT_EQ(fonts.glyphs().size(), base + 40);
  EXPECT_FALSE(fonts.needs_rebuild());

  GlyphQuota other;  // another plugin (or the same after a content change): its own quota
  other.limit = 10;
  {
    GlyphQuotaScope scope(&other);
    fonts.note_text(cjk(0x6E00, 5));
  }
  auto now = FontAtlas::SteadyClock::now();
  EXPECT_FALSE(fonts.needs_rebuild(now)) << "a second plugin rebuild within the interval waits";
  EXPECT_TRUE(fonts.needs_rebuild(now + FontAtlas::kPluginRebuildInterval));
  fonts.note_text("县政府办公楼");  // the kiosk's own text (a feed's building name): at once
  EXPECT_TRUE(fonts.needs_rebuild(now));
  fonts.build();
  EXPECT_FALSE(fonts.needs_rebuild(now + FontAtlas::kPluginRebuildInterval));
  EXPECT_NE(fonts.pick(40, false, "楼")->FindGlyphNoFallback(static_cast<ImWchar>(U'楼')), nullptr);
  EXPECT_NE(fonts.pick(40, false, encode_utf8(0x6E00))->FindGlyphNoFallback(static_cast<ImWchar>(0x6E00)), nullptr);
  EXPECT_EQ(fonts.pick(40, false, encode_utf8(0x5E00))->FindGlyphNoFallback(static_cast<ImWchar>(0x5E00)), nullptr)
      << "over the cap: drawn with the fallback glyph";
}
