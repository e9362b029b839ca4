#pragma once
// `ecolobby plugin run DIR` (preview one plugin as the only scene, windowed or headless) and
// `ecolobby plugin test DIR` (run its tests/*.lua headless; prints "N passed, N failed").
#include "app/command.h"

namespace eco::lua {
void register_plugin_commands(CLI::App& app, CommandContext& ctx);
}
