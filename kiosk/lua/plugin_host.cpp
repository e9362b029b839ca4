#include "lua/plugin_host.h"

namespace eco::lua {

const PluginCatalog& PluginHost::catalog_for(const std::filesystem::path& content_dir) {
  auto& slot = catalogs_[content_dir];
  if (!slot) {
    slot = std::make_unique<PluginCatalog>();
    size_t max_memory = max_plugin_memory(config_);
    slot->scan(config_.plugins_dir, max_memory);
    slot->scan(content_dir / "plugins", max_memory);  // content wins over bundled
  }
  return *slot;
}

SceneFactory PluginHost::scene_factory(const Clock& clock) {
  if (!services_.participation) {
    memory_participation_ = std::make_unique<MemoryParticipation>(clock);
    services_.participation = memory_participation_.get();
  }
  if (!services_.store) {
    memory_store_ = std::make_unique<MemoryKeyValue>();
    services_.store = memory_store_.get();
  }
  RuntimeOptions options = runtime_options(config_);
  return [this, &clock, options](const Slot& slot, const std::filesystem::path& content_dir) -> std::unique_ptr<Scene> {
    return catalog_for(content_dir).factory(clock, services_, options)(slot, content_dir);
  };
}

}  // namespace eco::lua
