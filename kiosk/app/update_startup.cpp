#include "app/update_startup.h"

#include <spdlog/spdlog.h>

#include "update/update_config.h"

namespace eco {
namespace {

std::unique_ptr<update::UpdateService> start_poller(const Config& config, const update::UpdateConfig& update_config,
                                                    const std::filesystem::path& bundled_content) {
  try {
    update::ChildInstaller installer{.config_file = std::filesystem::is_regular_file(config.source) ? config.source : "",
                                     .data_dir = config.data_dir,
                                     .trusted_keys = update_config.trusted_keys};
    return update::UpdateService::installing_in_child(update_config, config.data_dir, config.content_dir, bundled_content,
                                                      std::move(installer));
  } catch (const std::exception& e) {
    spdlog::error("content updates unavailable: {}", e.what());
    return nullptr;
  }
}

}  // namespace

bool start_updates(const Config& config, const std::filesystem::path& bundled_content, const SafeMode& safe_mode,
                   const Locale& locale, const std::shared_ptr<RunningServices>& services, KioskHooks& hooks) {
  update::UpdateConfig update_config = update::load_update_config(config);
  hooks.health_grace = update_config.health_grace;  // a --dev reload is on trial too, safe mode or not
  if (safe_mode.updates_off()) {
    hooks.update_overlay_line = [line = safe_mode.overlay_line(locale)] { return line; };
    return false;
  }
  services->updates = start_poller(config, update_config, bundled_content);
  if (services->updates) {
    hooks.next_content = [services] { return services->updates->take_ready(); };
    hooks.content_health = [services](const std::filesystem::path& dir, bool ok, const std::string& error) {
      services->updates->report_health(dir, ok, error);
    };
    hooks.update_overlay_line = [services, locale] { return services->updates->overlay_line(locale); };
  }
  return !update_config.url.empty();
}

}  // namespace eco
