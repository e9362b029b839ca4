#include "app/data_startup.h"

#include <spdlog/spdlog.h>

#include "app/running_services.h"
#include "render/frame_loop_waker.h"
#include "store/database.h"
#include "store/key_value.h"

namespace eco {
namespace {
constexpr const char* kSnapshotCacheKey = "data.snapshot";
}

data::DataConfig start_data(const Config& config, const Locale& locale, const std::shared_ptr<RunningServices>& services,
                            KioskHooks& hooks) {
  data::DataConfig data_config = data::load_data_config(config);
  hooks.institution_id = data_config.building;
  hooks.data_overlay_line = [services, locale] { return services->data ? services->data->overlay_line(locale) : std::string(); };
  return data_config;
}

std::unique_ptr<data::DataService> start_data_worker(const data::DataConfig& config, const Clock& clock, const std::filesystem::path& db) {
  data::DataService::Options o;
  o.config = config;
  auto worker_clock = std::make_shared<Clock>(clock.now(), clock.utc_offset_minutes(), clock.scale(), clock.mode());
  o.now = [worker_clock] {
    return unix_seconds(worker_clock->now());
  };
  o.persist = [db](const std::string& json) {
    try {
      auto opened = store::open_database(db);
      store::Cache(opened.connection).put(kSnapshotCacheKey, json, std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch()).count());
    } catch (const std::exception& e) {
      spdlog::warn("data: cannot save the snapshot for offline restarts: {}", e.what());
    }
  };
  o.published = wake_frame_loop;
  try {
    auto opened = store::open_database(db);
    o.cached = store::Cache(opened.connection).get(kSnapshotCacheKey);
  } catch (const std::exception& e) {
    spdlog::warn("data: no saved snapshot ({})", e.what());
  }
  return std::make_unique<data::DataService>(std::move(o));
}

}  // namespace eco
