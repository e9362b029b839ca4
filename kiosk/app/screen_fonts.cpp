#include "app/screen_fonts.h"

#include <stdexcept>
#include <string_view>

#include <fmt/format.h>
#include <imgui.h>

#include "render/font_atlas.h"

namespace eco {

std::filesystem::path font_cache_file(const Config& config) { return config.data_dir / "cache" / "font-atlas.bin"; }

float font_scale(const Config& config) { return config.large_print ? 1.25f : 1.0f; }

// Status lines, fallback messages and the like that the program writes itself (not from the
// locale files): generated from its string literals by cmake/ProgramText.cmake.
constexpr std::string_view kProgramText =
#include "program_text.inc"
    ;

void add_screen_text(GlyphSet& glyphs, const Config& config, const std::filesystem::path& content_dir,
                     const Locale& locale) {
  glyphs.add_directory(content_dir);
  glyphs.add_directory(config.plugins_dir);
  glyphs.add_text(locale.all_text());
  glyphs.add_text(kProgramText);
  glyphs.add_text(config.org_name + config.welcome_line);
  for (const auto& d : config.departments) glyphs.add_text(d);
}

std::string bake_screen_fonts(const Config& config, const std::filesystem::path& content_dir) {
  auto files = find_font_files(config.font_file);
  if (!files) throw std::runtime_error("no Chinese font installed (fonts-noto-cjk): nothing to bake");
  ImFontAtlas atlas;
  size_t characters = 0;
  bool from_cache = false;
  {
    FontAtlas fonts(&atlas, files, font_scale(config));
    fonts.use_cache(font_cache_file(config));
    add_screen_text(fonts.glyphs(), config, content_dir, Locale::load(default_assets_dir() / "locale", config.language));
    if (!fonts.build()) throw std::runtime_error("the font atlas could not be built");
    characters = fonts.glyphs().size();
    from_cache = fonts.last_build_from_cache();
  }  // the cache is written when `fonts` goes
  std::error_code ec;
  if (!std::filesystem::is_regular_file(font_cache_file(config), ec))
    throw std::runtime_error(font_cache_file(config).string() + ": the font cache could not be written");
  return fmt::format("{}: {} characters for {}{}", font_cache_file(config).string(), characters, content_dir.string(),
                     from_cache ? " (already baked)" : "");
}

}  // namespace eco
