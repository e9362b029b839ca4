#pragma once
// `ecolobby plugin run DIR`: a whole screen (windowed or headless) with one plugin as the only
// scene, for officers previewing a campaign. Here, not in lua/, because it composes the kiosk.
#include "base/command.h"

namespace eco {

void register_plugin_run_command(CLI::App& plugin, CommandContext& ctx);

}  // namespace eco
