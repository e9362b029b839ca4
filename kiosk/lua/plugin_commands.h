#pragma once
// `ecolobby plugin test DIR` (run a plugin's tests/*.lua headless; prints "N passed, N failed").
// `plugin run`, which starts a whole screen around one plugin, is an app command
// (app/plugin_run_command).
#include <filesystem>
#include <string>

#include "base/command.h"

namespace eco::lua {

// The `plugin` command group, to which app/ adds `run`.
CLI::App* register_plugin_commands(CLI::App& app, CommandContext& ctx);

// A plugin folder given on the command line, absolute; a CommandError when it has no plugin.toml.
std::filesystem::path plugin_folder_argument(const std::string& arg);

}  // namespace eco::lua
