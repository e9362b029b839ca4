#pragma once
// The screen itself: the frame loop that rotates scenes, takes input, and draws only when the
// picture changes.
#include "app/config.h"
#include "app/run_options.h"
#include "scene/scene_set.h"

namespace eco {

struct KioskHooks {
  SceneFactory scene_factory;  // plugin and data scenes, provided by those concerns
};

// Returns the process exit code. Throws CommandError for unusable options (exit 2).
int run_kiosk(const Config& config, const RunOptions& options, const KioskHooks& hooks = {});

}  // namespace eco
