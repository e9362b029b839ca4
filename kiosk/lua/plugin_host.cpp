#include "lua/plugin_host.h"

namespace eco::lua {

const PluginCatalog& PluginHost::catalog_for(const std::filesystem::path& content_dir) {
  // Scanned afresh for every new set of scenes: a reload (dev mode, content update) must see
  // edited manifests. Reading a few plugin.toml files costs well under a millisecond.
  // One scene set asks for all its slots within milliseconds; a later reload gets a fresh scan.
  auto& entry = catalogs_[content_dir];
  auto now = std::chrono::steady_clock::now();
  if (!entry.catalog || now - entry.scanned > std::chrono::seconds(1)) {
    entry.catalog = std::make_unique<PluginCatalog>();
    size_t max_memory = max_plugin_memory(config_);
    entry.catalog->scan(config_.plugins_dir, max_memory);
    std::error_code ec;  // the same folder reached twice (content inside the bundle) is scanned once
    if (!std::filesystem::equivalent(config_.plugins_dir, content_dir / "plugins", ec))
      entry.catalog->scan(content_dir / "plugins", max_memory);  // content wins over bundled
    entry.scanned = now;
  }
  return *entry.catalog;
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

namespace eco::lua {

std::vector<std::unique_ptr<Scene>> PluginHost::overlays(const Clock& clock, std::vector<std::string>* problems) {
  auto ids = config_.section("plugins").strings("overlays");
  if (ids.empty()) return {};
  return catalog_for(config_.content_dir).overlays(ids, clock, services_, runtime_options(config_), problems);
}

}  // namespace eco::lua
