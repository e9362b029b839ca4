#pragma once
// Start-up of the remote status endpoint ([status] in the configuration).
#include <filesystem>
#include <memory>

#include "base/config.h"
#include "status/status_board.h"
#include "status/status_server.h"

namespace eco {

struct StatusEndpoint {
  std::shared_ptr<StatusBoard> board;  // the frame loop's side (KioskHooks::status_board)
  std::unique_ptr<status::StatusServer> server;
};

// Both null when the endpoint is off. What needs the disk is added to the health on the HTTP
// thread, never on the render thread: today's participation per plugin (its own connection to
// `db`) and the content updates' record (state.json in the data directory).
StatusEndpoint start_status_endpoint(const Config& config, const std::filesystem::path& db, bool updates_enabled);

}  // namespace eco
