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
