#pragma once
// `ecolobby status`: this screen's content releases as update/release_store.h keeps them
// (program and content version, previous versions, refused versions, last update check and
// error). Not the remote status endpoint (status/) nor the F2 overlay (scene/admin_overlay.h).
#include "base/command.h"

namespace eco::update {

void register_release_status_command(CLI::App& app, CommandContext& ctx);

}  // namespace eco::update
