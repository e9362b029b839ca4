#pragma once
// The plugins a kiosk can run: discovered at start in the plugin folders (bundled plugins/ and
// the content's plugins/), each manifest read once. Makes the scene for a schedule slot that
// names a plugin, with that slot's settings.
#include <filesystem>
#include <map>
#include <memory>
#include <vector>

#include "base/config.h"
#include "lua/manifest.h"
#include "lua/plugin_runtime.h"
#include "scene/scene_set.h"

namespace eco::lua {

struct CatalogEntry {
  std::optional<Manifest> manifest;
  std::string error;  // why it cannot be used (bad manifest)
};

class PluginCatalog {
 public:
  // Later folders win over earlier ones for the same id (content overrides bundled).
  void scan(const std::filesystem::path& dir, size_t max_memory_bytes);
  const std::map<std::string, CatalogEntry>& entries() const { return entries_; }

  // The scene factory for SceneSet; throws ConfigError for an unknown plugin or bad settings.
  SceneFactory factory(const Clock& clock, Services services, RuntimeOptions options) const;
  // The overlay plugins named in [plugins] overlays, drawn above every scene. Those that cannot
  // be used are logged and left out, and their reasons added to `problems` (for `check`).
  std::vector<std::unique_ptr<Scene>> overlays(const std::vector<std::string>& ids, const Clock& clock,
                                               Services services, RuntimeOptions options,
                                               std::vector<std::string>* problems = nullptr) const;

 private:
  std::map<std::string, CatalogEntry> entries_;
};

// Plugin limits from the [plugins] config section: max_memory_mb, frame_ms, load_ms, dev.
RuntimeOptions runtime_options(const Config& config);
size_t max_plugin_memory(const Config& config);

}  // namespace eco::lua
