#pragma once
// The screen's font atlas as configured, shared by the running screen and `ecolobby bake-fonts`:
// where the baked atlas is cached, at what scale, and which text it must cover before any data
// arrives. The package bakes it before it (re)starts the screen, so no start pays for the bake.
#include <filesystem>
#include <string>

#include "base/config.h"
#include "base/locale.h"
#include "render/glyph_set.h"

namespace eco {

std::filesystem::path font_cache_file(const Config& config);
float font_scale(const Config& config);  // 1.25 in large print

// Content and plugin files, interface strings, organisation name, welcome line, departments.
void add_screen_text(GlyphSet& glyphs, const Config& config, const std::filesystem::path& content_dir,
                     const Locale& locale);

// Bakes the atlas for `content_dir` into font_cache_file(config), or finds it already there.
// Returns a one-line summary; throws std::runtime_error naming what failed.
std::string bake_screen_fonts(const Config& config, const std::filesystem::path& content_dir);

}  // namespace eco
