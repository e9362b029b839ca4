#pragma once
// Safe mode: the program keeps dying (app/crash_guard.h), so until the next restart the screen
// shows the content that last ran well with built-in scenes only. Decided once at start-up
// (app/start_content.h); the start-ups and the frame loop ask this one value what it turns off
// instead of each testing a flag of its own.
#include <string>

#include "base/locale.h"

namespace eco {

struct SafeMode {
  bool on = false;
  int recent_failures = 0;  // the starts before this one that did not run well

  bool plugins_off() const { return on; }     // plugin scenes and overlays: built-in scenes only
  bool updates_off() const { return on; }     // no poller; /status says updates are disabled
  bool font_cache_off() const { return on; }  // the baked font cache is not trusted either

  // The admin overlay's line about updates while on, in place of the update service's.
  std::string overlay_line(const Locale& locale) const {
    return locale.t("overlay.safe_mode", {{"failures", std::to_string(recent_failures)}});
  }
};

}  // namespace eco
