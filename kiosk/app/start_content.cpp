#include "app/start_content.h"

#include <spdlog/spdlog.h>

#include "update/release_store.h"

namespace eco {

StartContent recover_releases(const Config& config, const update::UpdateConfig& updates) {
  StartContent start;
  try {
    update::ReleaseStore releases(config.data_dir, updates.keep_releases);
    auto pending = releases.recover();
    start.dir = releases.current_dir();
    start.pending = pending && start.dir && update::ReleaseStore::version_of(*start.dir) == *pending;
    if (start.dir) spdlog::info("content: release {}{}", start.dir->string(), start.pending ? " (health check pending)" : "");
  } catch (const std::exception& e) {
    spdlog::error("content releases unavailable ({}); showing the bundled content", e.what());
  }
  return start;
}

bool enter_safe_mode_if_crash_looping(CrashGuard& guard, int64_t now_s, StartContent& start) {
  if (!guard.begin(now_s)) return false;
  start.dir = guard.last_good_content();
  start.pending = false;
  spdlog::error("SAFE MODE: {} starts in the last {} min did not run well; showing {} with built-in scenes only "
                "(no plugins, no content updates) until the next restart",
                guard.recent_failures(), guard.options().window.count() / 60,
                start.dir ? start.dir->string() : "the bundled content");
  return true;
}

std::string safe_mode_overlay_line(const Locale& locale, int recent_failures) {
  return locale.t("overlay.safe_mode", {{"failures", std::to_string(recent_failures)}});
}

}  // namespace eco
