#pragma once
// The list of subcommand groups. Each concern declares its register function in its own
// header (store/store_commands.h …) and adds one call here.
#include "base/command.h"

namespace eco {
void register_all_commands(CLI::App& app, CommandContext& ctx);
}
