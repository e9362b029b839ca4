#pragma once
#include "base/command.h"

namespace eco {
// `ecolobby bake-fonts`: see app/screen_fonts.h.
void register_font_commands(CLI::App& app, CommandContext& ctx);
}  // namespace eco
