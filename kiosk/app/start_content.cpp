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

SafeMode enter_safe_mode_if_crash_looping(CrashGuard& guard, int64_t now_s, StartContent& start) {
  if (!guard.begin(now_s)) return {};
  start.dir = guard.last_good_content();
  start.pending = false;
  spdlog::error("SAFE MODE: {} starts in the last {} min did not run well; showing {} with built-in scenes only "
                "(no plugins, no content updates) until the next restart",
                guard.recent_failures(), guard.options().window.count() / 60,
                start.dir ? start.dir->string() : "the bundled content");
  return SafeMode{.on = true, .recent_failures = guard.recent_failures()};
}

Config start_content(const Config& bundled, KioskHooks& hooks) {
  StartContent start = recover_releases(bundled, update::load_update_config(bundled));
  auto guard = std::make_shared<CrashGuard>(bundled.data_dir);
  int64_t now_s = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  hooks.safe_mode = enter_safe_mode_if_crash_looping(*guard, now_s, start);
  hooks.start_content = start.dir;
  hooks.check_start_health = start.pending;
  hooks.healthy = [guard](const std::filesystem::path& dir) { guard->mark_healthy(dir); };
  Config config = bundled;
  if (start.dir) config.content_dir = *start.dir;
  return config;
}

}  // namespace eco
