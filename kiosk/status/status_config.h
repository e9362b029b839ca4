#pragma once
// [status]: where the remote status endpoint listens and the token it requires.
//   listen = "0.0.0.0:8088"                       # off when absent
//   token_file = "status.token"                   # relative to the config file; or token = "…" (16+ characters)
#include <optional>
#include <string>

#include "base/config.h"

namespace eco::status {

struct StatusConfig {
  std::string host;
  int port = 0;  // 0: any free port (tests; the log says which)
  std::string token;
};

// nullopt when the endpoint is off. Throws ConfigError naming file:line and key.
std::optional<StatusConfig> load_status_config(const Config& config);

}  // namespace eco::status
