// Large print: the painter, not each plugin, enlarges text, so every scene and plugin follows
// the setting and text that is measured before it is drawn wraps to its box.
#include "render/imgui_painter.h"

#include <imgui.h>

#include <gtest/gtest.h>

using namespace eco;

namespace {

Vec2 measured(float scale, std::string_view text, float size, float wrap_width = 0) {
  ImFontAtlas atlas;
  FontAtlas fonts(&atlas, find_font_files(), scale);
  fonts.glyphs().add_text(text);
  fonts.build();
  ImGuiPainter painter(fonts, nullptr, {1920, 1080});
  return painter.measure_text(text, size, wrap_width, false);
}

}  // namespace

TEST(ImGuiPainter, LargePrintMakesTextAQuarterLarger) {
  Vec2 normal = measured(1.0f, "节能宣传周", 40);
  Vec2 large = measured(1.25f, "节能宣传周", 40);
  ASSERT_GT(normal.x, 0);
  EXPECT_NEAR(large.y / normal.y, 1.25, 0.01);
  EXPECT_NEAR(large.x / normal.x, 1.25, 0.05);
}

TEST(ImGuiPainter, LargePrintWrapsTextThatFitOnOneLine) {
  const char* text = "随手关灯，人走机关";
  Vec2 normal = measured(1.0f, text, 40);
  float box = normal.x + 4;  // just wide enough at normal size
  EXPECT_FLOAT_EQ(measured(1.0f, text, 40, box).y, normal.y);
  Vec2 large = measured(1.25f, text, 40, box);
  EXPECT_LE(large.x, box);
  EXPECT_GT(large.y, normal.y * 1.25f * 1.5f) << "expected at least two lines";
}
