#pragma once
// Everything the kiosk needs to show plugins: the catalog of installed plugins (bundled
// plugins/ and the content's plugins/, rescanned when the content changes) and the services
// behind the participation, store and data API tables.
#include <chrono>
#include <filesystem>
#include <memory>

#include "base/config.h"
#include "lua/memory_services.h"
#include "lua/plugin_catalog.h"

namespace eco::lua {

class PluginHost {
 public:
  explicit PluginHost(const Config& config) : config_(config) {}
  // Services default to in-memory ones; the kiosk replaces them with the SQLite store and live data.
  void set_services(Services services) { services_ = services; }
  SceneFactory scene_factory(const Clock& clock);
  // Call after scene_factory (which sets up the services).
  std::vector<std::unique_ptr<Scene>> overlays(const Clock& clock, std::vector<std::string>* problems = nullptr);
  // The plugins the scene factory uses for `content_dir`: bundled, then the content's (which win).
  const PluginCatalog& catalog_for(const std::filesystem::path& content_dir);

 private:
  Config config_;
  Services services_;
  std::unique_ptr<MemoryParticipation> memory_participation_;
  std::unique_ptr<MemoryKeyValue> memory_store_;
  // One content directory's catalog and when its folders were last scanned (not a
  // PluginCatalog entry, which is one plugin: lua/plugin_catalog.h's CatalogEntry).
  struct ScannedCatalog {
    std::unique_ptr<PluginCatalog> catalog;
    std::chrono::steady_clock::time_point scanned;
  };
  std::map<std::filesystem::path, ScannedCatalog> catalogs_;
};

}  // namespace eco::lua
