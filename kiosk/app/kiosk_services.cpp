#include "app/kiosk_services.h"

#include "app/config_checks.h"
#include "app/crash_guard.h"
#include "app/data_startup.h"
#include "app/problem_journal.h"
#include "app/start_content.h"
#include "app/status_startup.h"
#include "app/store_startup.h"
#include "app/update_startup.h"
#include "base/screen_locale.h"
#include "lua/plugin_host.h"
#include "scene/energy_scene.h"
#include "store/database.h"

namespace eco {
namespace {

// The services of a running screen, owned together so they die in the right order: whatever calls
// into a service goes before it. Plugins log through `participation` into the `writer`; the
// writer's destructor commits what is still queued and calls back (commit callbacks hold their own
// shared state), so the writer is stopped before the participation service, and both after the
// plugin host.
struct RunningServices {
  std::unique_ptr<PersistedProblems> problems;  // last: what goes wrong while stopping is kept too
  std::unique_ptr<status::StatusServer> status;
  std::unique_ptr<update::UpdateService> updates;
  std::unique_ptr<data::DataService> data;
  std::unique_ptr<LiveData> live_data;
  std::unique_ptr<store::ParticipationWriter> writer;
  std::unique_ptr<lua::SqliteParticipation> participation;
  std::unique_ptr<lua::SqliteKeyValue> kv;
  std::unique_ptr<lua::PluginHost> host;
  ~RunningServices() {
    status.reset();
    updates.reset();
    host.reset();
    live_data.reset();
    data.reset();
    kv.reset();
    writer.reset();
    participation.reset();
    problems.reset();
  }
};

// The scene factory, made once the kiosk's clock exists: the participation service and the data
// worker start with that clock. "data" slots are the built-in energy page; the others are
// plugins, skipped in safe mode.
std::function<SceneFactory(const Clock&)> scene_factory_start(std::shared_ptr<RunningServices> services, Config config,
                                                             data::DataConfig data_config, std::filesystem::path db,
                                                             bool safe_mode, int events_per_minute) {
  return [services, config, data_config, db, safe_mode, events_per_minute](const Clock& clock) {
    services->participation = std::make_unique<lua::SqliteParticipation>(clock, *services->writer, db, config.kiosk_id,
                                                                         config.departments, events_per_minute);
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
}

// The services' part of /status (app/status_publisher.h): numbers and codes, no sentences.
nlohmann::json status_fields(const RunningServices& services, int64_t now_s) {
  nlohmann::json sources = nlohmann::json::array();
  if (services.data)
    for (const auto& s : services.data->status())
      sources.push_back({{"url", s.url},
                         {"ok", s.ok},
                         {"age_s", s.last_success > 0 ? nlohmann::json(std::max<int64_t>(0, now_s - s.last_success)) : nlohmann::json()},
                         {"failures", s.failures},
                         {"error", s.error.empty() ? nlohmann::json() : nlohmann::json(s.error)}});
  store::WriterStats w = services.writer->stats();
  nlohmann::json participation = {
      {"saved", w.committed},   {"queued", w.queued},  {"dropped", w.dropped}, {"rejected", w.rejected},
      {"rate_limited", services.participation ? services.participation->rate_limited() : 0},
      {"write_error", w.degraded ? nlohmann::json(w.last_error) : nlohmann::json()}};
  return {{"data_sources", sources}, {"participation", participation}};
}

}  // namespace

KioskHooks make_kiosk_hooks(const Config& bundled_config) {
  require_valid_config(bundled_config);  // what `ecolobby check` refuses stops the start, exit 2
  update::UpdateConfig update_config = update::load_update_config(bundled_config);
  StartContent start = recover_releases(bundled_config, update_config);
  auto guard = std::make_shared<CrashGuard>(bundled_config.data_dir);
  int64_t now_s = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  bool safe_mode = enter_safe_mode_if_crash_looping(*guard, now_s, start);
  Config config = bundled_config;
  if (start.dir) config.content_dir = *start.dir;  // factor and target files come from the release too
  Locale locale = load_screen_locale(config.language);

  auto services = std::make_shared<RunningServices>();
  services->problems = std::make_unique<PersistedProblems>(config.data_dir);
  auto db = store::database_path(config.data_dir);
  open_participation_database(db);
  store::StoreConfig store_config = store::load_store_config(config);
  services->writer = start_participation_writer(db, store_config, config.utc_offset_minutes);
  services->kv = open_plugin_store(db);
  services->host = std::make_unique<lua::PluginHost>(config);
  // Read once, here: a wrong [data] value stops start-up before the window, with exit 2.
  data::DataConfig data_config = data::load_data_config(config);

  KioskHooks hooks;
  hooks.start_content = start.dir;
  hooks.check_start_health = start.pending;
  hooks.health_grace = update_config.health_grace;
  if (!safe_mode) services->updates = start_updates(config, update_config, bundled_config.content_dir);
  if (services->updates) {
    hooks.next_content = [services] { return services->updates->take_ready(); };
    hooks.content_health = [services](const std::filesystem::path& dir, bool ok, const std::string& error) {
      services->updates->report_health(dir, ok, error);
    };
    hooks.update_overlay_line = [services] { return services->updates->overlay_line(); };
  }
  if (safe_mode) hooks.update_overlay_line = [line = safe_mode_overlay_line(locale, guard->recent_failures())] { return line; };
  hooks.healthy = [guard](const std::filesystem::path& dir) { guard->mark_healthy(dir); };
  hooks.safe_mode = safe_mode;
  hooks.data_age_s = [services](int64_t now_s) -> std::optional<int64_t> {
    auto snap = services->data ? services->data->snapshot() : nullptr;
    if (!snap || !snap->contains("meta")) return std::nullopt;
    int64_t latest = (*snap)["meta"].value("latest_epoch", int64_t{0});
    if (latest <= 0) return std::nullopt;
    return std::max<int64_t>(0, now_s - latest);
  };
  hooks.institution_id = data_config.building;
  hooks.status_fields = [services](int64_t now_s) { return status_fields(*services, now_s); };
  StatusEndpoint endpoint = start_status_endpoint(config, db, !update_config.url.empty() && !safe_mode);
  hooks.status_board = endpoint.board;
  services->status = std::move(endpoint.server);
  hooks.scene_factory = scene_factory_start(services, config, data_config, db, safe_mode, store_config.events_per_minute);
  if (!safe_mode) hooks.overlays = [services](const Clock& clock) { return services->host->overlays(clock); };
  hooks.on_idle = [services] {
    if (services->participation) services->participation->rotate_session();
  };
  hooks.data_overlay_line = [services] { return services->data ? services->data->overlay_line() : std::string(); };
  hooks.participation_overlay_line = [services, locale] {
    uint64_t limited = services->participation ? services->participation->rate_limited() : 0;
    return participation_overlay_line(locale, services->writer->stats(), limited);
  };
  return hooks;
}

}  // namespace eco
