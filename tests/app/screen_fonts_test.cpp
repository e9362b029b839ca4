// (issue #19, 9) What the screen's font atlas is primed with covers the lines the program writes
// itself, not only the content and locale files: an update's status shown on F2 right after a
// signed update must not need a rebuild, nor show "?".
#include "app/screen_fonts.h"

#include <gtest/gtest.h>

using namespace eco;

TEST(ScreenFonts, TheProgramsOwnStatusLinesAreInTheAtlasFromTheStart) {
  auto empty = std::filesystem::temp_directory_path() / "ecolobby-screen-fonts-test";
  std::filesystem::create_directories(empty);
  Config config;
  config.plugins_dir = empty;  // no plugin files: only the program and its locale files speak
  GlyphSet glyphs;
  // The screen's own locale, as bake_screen_fonts and the screen's start pass it: the overlay
  // lines of updates and data are in it (overlay.update_*, overlay.data_*).
  add_screen_text(glyphs, config, empty, Locale::load(default_assets_dir() / "locale", "zh-CN"));
  // As update/update_service and data/data_service write them.
  for (const char* line : {"内容 8 · 已安装", "内置内容", "下载 8", "已回滚 8: …", "更新失败: …", "更新错误: …",
                           "2 个数据源 · 数据更新于 09:15 · 1 失败 3 次 (HTTP 500), 30 秒后重试", "数据配置错误: "}) {
    EXPECT_TRUE(glyphs.missing_from(line).empty()) << line;
  }
  std::filesystem::remove_all(empty);
}
