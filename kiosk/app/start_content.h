#pragma once
// Which content the screen starts with: the installed release, recovered if an install was cut
// short, or the bundled content; in safe mode the content that last ran well.
#include <filesystem>
#include <optional>
#include <string>

#include "app/crash_guard.h"
#include "base/config.h"
#include "base/locale.h"
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
// Returns whether the screen is in safe mode; `start` then names that content.
bool enter_safe_mode_if_crash_looping(CrashGuard& guard, int64_t now_s, StartContent& start);

// The admin overlay's line about updates while in safe mode.
std::string safe_mode_overlay_line(const Locale& locale, int recent_failures);

}  // namespace eco
