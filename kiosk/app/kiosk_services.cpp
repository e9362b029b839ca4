#include "app/kiosk_services.h"

#include "app/config_checks.h"
#include "app/running_services.h"
#include "app/scene_startup.h"
#include "app/start_content.h"
#include "app/status_startup.h"
#include "app/store_startup.h"
#include "app/update_startup.h"
#include "base/screen_locale.h"
#include "store/database.h"

namespace eco {

KioskHooks make_kiosk_hooks(const Config& bundled_config) {
  require_valid_config(bundled_config);  // what `ecolobby check` refuses stops the start, exit 2
  KioskHooks hooks;
  Config config = start_content(bundled_config, hooks);  // the release, and safe mode decided once
  Locale locale = load_screen_locale(config.language);
  auto services = std::make_shared<RunningServices>();
  services->problems = std::make_unique<PersistedProblems>(config.data_dir);
  services->db = store::database_path(config.data_dir);
  start_store(config, locale, services, hooks);
  bool updates_enabled = start_updates(config, bundled_config.content_dir, hooks.safe_mode, locale, services, hooks);
  data::DataConfig data_config = start_data(config, locale, services, hooks);
  start_status(config, updates_enabled, services, hooks);
  start_scenes(config, data_config, hooks.safe_mode, services, hooks);
  return hooks;
}

}  // namespace eco
