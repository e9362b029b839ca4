#pragma once
// Start-up of what the screen shows besides its own scenes: the plugin host, and the scene
// factory the frame loop makes once its clock exists, with the participation service and the
// live data worker that start with that clock.
#include <memory>

#include "app/kiosk_app.h"
#include "app/running_services.h"
#include "app/safe_mode.h"
#include "base/config.h"
#include "data/data_config.h"

namespace eco {

// "data" slots are the built-in energy page; the others are plugins, and plugin slots and
// overlays are left out when safe mode turns plugins off. Fills the hooks' scene factory and
// overlays.
void start_scenes(const Config& config, const data::DataConfig& data_config, const SafeMode& safe_mode,
                  const std::shared_ptr<RunningServices>& services, KioskHooks& hooks);

}  // namespace eco
