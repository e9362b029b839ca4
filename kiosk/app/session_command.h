#pragma once
// `ecolobby session -- /usr/bin/cage -d`: the systemd unit's main process. It starts the kiosk
// compositor with this program as its client and passes the client's sd_notify messages (READY,
// WATCHDOG, STATUS, STOPPING) on to systemd as its own. Why: with PAMName= the service's
// processes move into the logind session's scope, and systemd then drops notifications from any
// process but the main one; cage, the main process before, sends none. On SIGTERM it stops the
// compositor and waits for every process below it (it is their subreaper), so a stop or restart
// never leaves a kiosk behind.
#include <optional>
#include <string>
#include <vector>

#include "base/command.h"

namespace eco {

void register_session_command(CLI::App& app, CommandContext& ctx);

// Runs `compositor -- <this program> [--config FILE]` (or with the program where a "{}" argument
// stands) and relays; returns the compositor's exit status (128 + signal when it was killed).
int run_session(const std::vector<std::string>& compositor, const std::optional<std::string>& config_file);

}  // namespace eco
