#include "app/scene_startup.h"

#include "scene/energy_scene.h"

namespace eco {

void start_scenes(const Config& config, const data::DataConfig& data_config, const SafeMode& safe_mode,
                  const std::shared_ptr<RunningServices>& services, KioskHooks& hooks) {
  services->host = std::make_unique<lua::PluginHost>(config);
  bool plugins = !safe_mode.plugins_off();
  hooks.scene_factory = [services, config, data_config, plugins](const Clock& clock) -> SceneFactory {
    services->participation = std::make_unique<lua::SqliteParticipation>(
        clock, *services->writer, services->db, config.kiosk_id, config.departments, services->events_per_minute);
    if (!services->data) {
      services->data = start_data_worker(data_config, clock, services->db);
      services->live_data = std::make_unique<LiveData>(*services->data);
    }
    services->host->set_services({services->participation.get(), services->kv.get(), services->live_data.get()});
    SceneFactory plugin_scenes = plugins ? services->host->scene_factory(clock) : SceneFactory();
    return [services, plugin_scenes, building = data_config.building](const Slot& slot, const std::filesystem::path& dir) -> std::unique_ptr<Scene> {
      if (slot.scene == "data") {
        data::DataService* d = services->data.get();
        return std::make_unique<EnergyScene>([d] { return d->snapshot(); }, building);
      }
      return plugin_scenes ? plugin_scenes(slot, dir) : nullptr;  // safe mode: plugin slots are skipped
    };
  };
  if (plugins) hooks.overlays = [services](const Clock& clock) { return services->host->overlays(clock); };
}

}  // namespace eco
