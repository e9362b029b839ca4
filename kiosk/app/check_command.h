#pragma once
// `ecolobby check [--content DIR]`: validates config and content before they reach a screen,
// every configuration section with the screen's own loaders (config_checks.h) and the content
// with the validators of base/content_checks.
#include "base/command.h"

namespace eco {

void register_check_command(CLI::App& app, CommandContext& ctx);

}  // namespace eco
