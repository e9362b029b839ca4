#include "app/kiosk_services.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "app/crash_guard.h"
#include "app/frame_loop_waker.h"
#include "base/utf8.h"
#include "status/status_server.h"
#include "store/queries.h"
#include "data/data_service.h"
#include "lua/plugin_host.h"
#include "scene/energy_scene.h"
#include "lua/store_services.h"
#include "store/database.h"
#include "store/key_value.h"
#include "store/participation_writer.h"
#include "store/retention.h"
#include "store/store_config.h"
#include "update/update_service.h"

namespace eco {
namespace {

constexpr const char* kSnapshotCacheKey = "data.snapshot";

// Plugins see the live snapshot through the Lua data API.
class LiveData : public lua::DataService {
 public:
  explicit LiveData(data::DataService& d) : d_(d) {}
  std::shared_ptr<const nlohmann::json> snapshot() const override { return d_.snapshot(); }

 private:
  data::DataService& d_;
};

// The data worker, started with the kiosk's clock so --now and --time-scale apply to figures too.
std::unique_ptr<data::DataService> start_data(const data::DataConfig& config, const Clock& clock, const std::filesystem::path& db) {
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
  o.published = wake_frame_loop;  // a page waiting for figures can show now
  try {
    auto opened = store::open_database(db);
    o.cached = store::Cache(opened.connection).get(kSnapshotCacheKey);
  } catch (const std::exception& e) {
    spdlog::warn("data: no saved snapshot ({})", e.what());
  }
  return std::make_unique<data::DataService>(std::move(o));
}

// Owned together so they die in the right order: whatever calls into a service goes before it.
// Plugins log through `participation` into the `writer`; the writer's destructor commits what is
// still queued and calls back (commit callbacks hold their own shared state), so the writer is
// stopped before the participation service, and both after the plugin host.
struct Services {
  std::unique_ptr<status::StatusServer> status;
  std::unique_ptr<update::UpdateService> updates;
  std::unique_ptr<data::DataService> data;
  std::unique_ptr<LiveData> live_data;
  std::unique_ptr<store::ParticipationWriter> writer;
  std::unique_ptr<lua::SqliteParticipation> participation;
  std::unique_ptr<lua::SqliteKeyValue> kv;
  std::unique_ptr<lua::PluginHost> host;
  ~Services() {
    status.reset();
    updates.reset();
    host.reset();
    live_data.reset();
    data.reset();
    kv.reset();
    writer.reset();
    participation.reset();
  }
};

}  // namespace

// The installed content release, if any, replaces the bundled content; a release the kiosk keeps
// dying on is rolled back before the window opens.
struct StartContent {
  std::optional<std::filesystem::path> dir;
  bool pending = false;
};
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

KioskHooks make_kiosk_hooks(const Config& bundled_config) {
  update::UpdateConfig update_config = update::load_update_config(bundled_config);
  StartContent start = recover_releases(bundled_config, update_config);
  auto guard = std::make_shared<CrashGuard>(bundled_config.data_dir);
  bool safe_mode = guard->begin(std::chrono::duration_cast<std::chrono::seconds>(
                                    std::chrono::system_clock::now().time_since_epoch()).count());
  if (safe_mode) {
    // Keeps dying: show the content that last ran well, built-in scenes only, no updates.
    start.dir = guard->last_good_content();
    start.pending = false;
    spdlog::error("SAFE MODE: {} starts in the last {} min did not run well; showing {} with built-in scenes only "
                  "(no plugins, no content updates) until the next restart",
                  guard->recent_failures(), guard->options().window.count() / 60,
                  start.dir ? start.dir->string() : "the bundled content");
  }
  Config config = bundled_config;
  if (start.dir) config.content_dir = *start.dir;  // factor and target files come from the release too
  auto services = std::make_shared<Services>();
  auto db = store::database_path(config.data_dir);
  try {
    auto opened = store::open_database(db);
    if (!opened.recovered_from.empty())
      spdlog::error("participation database was corrupt; the old file is kept at {}", opened.recovered_from);
  } catch (const std::exception& e) {
    spdlog::error("participation database {}: {}; records are held in memory until it can be written", db.string(), e.what());
  }
  store::StoreConfig store_config = store::load_store_config(config);
  store::WriterOptions options = store::writer_options(store_config);
  int offset = config.utc_offset_minutes;
  options.maintenance = [retention_days = store_config.retention_days, busy = store_config.busy_hours, offset](store::Connection& c) {
    Clock clock;  // real time: pruning follows the wall clock, not a simulated one
    LocalTime now = to_local(clock.now(), offset);
    if (busy.contains(now.minutes_of_day())) return;
    store::prune_events(c, now.day_number(), retention_days, false);
  };
  services->writer = std::make_unique<store::ParticipationWriter>(db, options);
  try {
    services->kv = std::make_unique<lua::SqliteKeyValue>(db);
  } catch (const std::exception& e) {
    spdlog::error("plugin store unavailable ({}); plugins keep their data in memory only", e.what());
  }
  services->host = std::make_unique<lua::PluginHost>(config);
  // Read once, here: a wrong [data] value stops start-up before the window, with exit 2.
  data::DataConfig data_config = data::load_data_config(config);

  KioskHooks hooks;
  hooks.start_content = start.dir;
  hooks.check_start_health = start.pending;
  hooks.health_grace = update_config.health_grace;
  if (!safe_mode) try {
    // Bundles are installed, and their content checked, by a child process of this same program
    // with the same configuration; no in-process check is needed here.
    update::ChildInstaller installer{.config_file = std::filesystem::is_regular_file(config.source) ? config.source : "",
                                     .data_dir = config.data_dir,
                                     .trusted_keys = update_config.trusted_keys};
    services->updates = std::make_unique<update::UpdateService>(update_config, config.data_dir, update::ContentCheck{},
                                                                config.content_dir, bundled_config.content_dir, installer);
    hooks.next_content = [services] { return services->updates->take_ready(); };
    hooks.content_health = [services](const std::filesystem::path& dir, bool ok, const std::string& error) {
      services->updates->report_health(dir, ok, error);
    };
    hooks.update_status = [services] { return services->updates->status_line(); };
  } catch (const std::exception& e) {
    spdlog::error("content updates unavailable: {}", e.what());
  }
  if (safe_mode) {
    int failures = guard->recent_failures();
    hooks.update_status = [failures] { return fmt::format("安全模式：近期 {} 次启动异常，仅显示内置页面 / safe mode", failures); };
  }
  hooks.healthy = [guard](const std::filesystem::path& dir) { guard->mark_healthy(dir); };
  hooks.safe_mode = safe_mode;
  hooks.data_age_s = [services](int64_t now_s) -> std::optional<int64_t> {
    auto snap = services->data ? services->data->snapshot() : nullptr;
    if (!snap || !snap->contains("meta")) return std::nullopt;
    int64_t latest = (*snap)["meta"].value("latest_epoch", int64_t{0});
    if (latest <= 0) return std::nullopt;
    return std::max<int64_t>(0, now_s - latest);
  };
  if (auto status_config = status::load_status_config(config)) {
    hooks.status_board = std::make_shared<StatusBoard>();
    // Today's count is read on the HTTP thread with its own connection, never on the render thread.
    services->status = std::make_unique<status::StatusServer>(*status_config, hooks.status_board, [db](nlohmann::json& health) {
      auto opened = store::open_database(db);
      health["participation_today"] = store::Queries(opened.connection).count_all_on(health.value("day", int64_t{0}));
    });
  }
  hooks.scene_factory = [services, config, data_config, db, safe_mode, per_minute = store_config.events_per_minute](const Clock& clock) {
    services->participation = std::make_unique<lua::SqliteParticipation>(clock, *services->writer, db, config.kiosk_id,
                                                                         config.departments, per_minute);
    if (!services->data) {
      services->data = start_data(data_config, clock, db);
      services->live_data = std::make_unique<LiveData>(*services->data);
    }
    services->host->set_services({services->participation.get(), services->kv.get(), services->live_data.get()});
    SceneFactory plugins = safe_mode ? SceneFactory() : services->host->scene_factory(clock);
    return [services, plugins, building = data_config.building](const Slot& slot, const std::filesystem::path& dir) -> std::unique_ptr<Scene> {
      if (slot.scene == "data") {
        data::DataService* d = services->data.get();
        return std::make_unique<EnergyScene>([d] { return d->snapshot(); }, building);
      }
      return plugins ? plugins(slot, dir) : nullptr;  // safe mode: plugin slots are skipped
    };
  };
  if (!safe_mode) hooks.overlays = [services](const Clock& clock) { return services->host->overlays(clock); };
  hooks.on_idle = [services] {
    if (services->participation) services->participation->rotate_session();
  };
  hooks.data_status = [services] { return services->data ? services->data->status_line() : std::string(); };
  hooks.participation_status = [services] {
    store::WriterStats s = services->writer->stats();
    uint64_t limited = services->participation ? services->participation->rate_limited() : 0;
    return fmt::format("已保存 {} · 队列 {} · 丢弃 {}{}{}{}", s.committed, s.queued, s.dropped,
                       s.rejected ? fmt::format(" · 无法保存 {}", s.rejected) : "",
                       limited ? fmt::format(" · 超出频率上限 {}", limited) : "",
                       s.degraded ? " · 写入失败: " + utf8_excerpt(s.last_error, 60) : "");
  };
  return hooks;
}

}  // namespace eco
