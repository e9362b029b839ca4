#pragma once
// Which content the screen starts with: the installed release, recovered if an install was cut
// short, or the bundled content; in safe mode the content that last ran well. Safe mode is
// decided here, once (app/safe_mode.h).
#include <filesystem>
#include <optional>
#include <string>

#include "app/crash_guard.h"
#include "app/kiosk_app.h"
#include "app/safe_mode.h"
#include "base/config.h"
#include "update/update_config.h"

namespace eco {

struct StartContent {
  std::optional<std::filesystem::path> dir;  // nullopt: the bundled content
  bool pending = false;                      // a release still to pass its health check
};

// The installed content release, if any, replaces the bundled content; a release the kiosk keeps
// dying on is rolled back before the window opens. Unreadable releases: the bundled content.
StartContent recover_releases(const Config& config, const update::UpdateConfig& updates);

// Safe mode, decided by the crash guard at this start: the program keeps dying, so it shows the
// content that last ran well with built-in scenes only and no updates, until the next restart.
// When on, `start` then names that content.
SafeMode enter_safe_mode_if_crash_looping(CrashGuard& guard, int64_t now_s, StartContent& start);

// The content start-up: the release ([updates] keep_releases) and the crash guard's verdict.
// Fills the hooks' start content, its pending health check, the safe mode and the guard's
// "this start ran well"; returns `bundled` with the content directory the screen starts with
// (factor and target files come from the release too).
Config start_content(const Config& bundled, KioskHooks& hooks);

}  // namespace eco
