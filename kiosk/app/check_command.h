#pragma once
// `ecolobby check [--content DIR]`: validates config and content before they reach a screen,
// with the validators of base/content_checks.
#include "base/command.h"

namespace eco {

void register_check_command(CLI::App& app, CommandContext& ctx);

}  // namespace eco
