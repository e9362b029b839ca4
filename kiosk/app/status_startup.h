#pragma once
// Start-up of the remote status endpoint ([status] in the configuration), and the services'
// part of the health it serves.
#include <memory>

#include "app/kiosk_app.h"
#include "app/running_services.h"
#include "base/config.h"

namespace eco {

// Off without [status]. What needs the disk is added to the health on the HTTP thread, never on
// the render thread: today's participation per plugin (its own connection to the database) and
// the content updates' record (state.json in the data directory; `updates_enabled` as
// app/update_startup.h returns it). Fills the hooks' status board and the services' machine
// fields of /status (data age, data sources, participation; numbers and codes, no sentences).
void start_status(const Config& config, bool updates_enabled, const std::shared_ptr<RunningServices>& services,
                  KioskHooks& hooks);

}  // namespace eco
