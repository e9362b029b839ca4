#pragma once
// `ecolobby bundle keygen|build|verify|inspect|apply|rollback`: the administrator's side of
// content updates. `apply` takes the same path as automatic updates.
#include "base/command.h"

namespace eco::update {

void register_bundle_commands(CLI::App& app, CommandContext& ctx);

}  // namespace eco::update
