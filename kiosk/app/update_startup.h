#pragma once
// Start-up of automatic content updates on a screen; [updates] is read here (the release recovery
// before it reads only keep_releases, app/start_content.h).
#include <filesystem>

#include "app/kiosk_app.h"
#include "app/running_services.h"
#include "app/safe_mode.h"
#include "base/config.h"
#include "base/locale.h"

namespace eco {

// The poller, installing bundles in a child process of this same program with the same
// configuration (which checks their content there, so none is checked here). `config` names the
// content the screen starts with; `bundled_content` is shown when no release is current. Not
// started in safe mode; when it cannot start (logged) the screen runs on without it. Fills the
// hooks' content switches, their health verdicts and grace, and the overlay's line about updates.
// Returns whether updates are enabled, as /status reports it: a latest.json to poll, not in safe mode.
bool start_updates(const Config& config, const std::filesystem::path& bundled_content, const SafeMode& safe_mode,
                   const Locale& locale, const std::shared_ptr<RunningServices>& services, KioskHooks& hooks);

}  // namespace eco
