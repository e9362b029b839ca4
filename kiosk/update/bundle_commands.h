#pragma once
// `ecolobby bundle keygen|build|verify|inspect|apply|rollback` and `ecolobby status`: the
// administrator's side of content updates. `apply` takes the same path as automatic updates.
#include "base/command.h"
#include "update/release_store.h"

namespace eco::update {

// The `ecolobby check` validators, as ReleaseStore runs them on an extracted release.
ContentCheck content_check_for(const Config& config);

void register_bundle_commands(CLI::App& app, CommandContext& ctx);

}  // namespace eco::update
