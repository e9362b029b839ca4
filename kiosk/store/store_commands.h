#pragma once
// `ecolobby export`, `report`, `backup`, `store stress` and `store bench`.
#include "base/command.h"

namespace eco::store {
void register_store_commands(CLI::App& app, CommandContext& ctx);
}
