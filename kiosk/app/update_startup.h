#pragma once
// Start-up of automatic content updates on a screen.
#include <filesystem>
#include <memory>

#include "base/config.h"
#include "update/update_service.h"

namespace eco {

// The poller, installing bundles in a child process of this same program with the same
// configuration (which checks their content there, so none is checked here). `config` names the
// content the screen starts with; `bundled_content` is shown when no release is current.
// Null when updates cannot start (logged); the screen runs on without them.
std::unique_ptr<update::UpdateService> start_updates(const Config& config, const update::UpdateConfig& update_config,
                                                     const std::filesystem::path& bundled_content);

}  // namespace eco
