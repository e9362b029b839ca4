#include "lua/plugin_catalog.h"

#include <algorithm>
#include <stdexcept>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/toml_reader.h"
#include "lua/plugin_scene.h"

namespace eco::lua {
namespace fs = std::filesystem;

void PluginCatalog::scan(const fs::path& dir, size_t max_memory_bytes) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return;
  std::vector<fs::path> folders;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.is_directory() && fs::exists(e.path() / "plugin.toml")) folders.push_back(e.path());
  std::sort(folders.begin(), folders.end());
  for (const auto& folder : folders) {
    CatalogEntry entry;
    try {
      entry.manifest = load_manifest(folder, max_memory_bytes);
    } catch (const std::exception& e) {
      entry.error = e.what();
      spdlog::error("{}", e.what());
    }
    entries_[folder.filename().string()] = std::move(entry);
  }
}

SceneFactory PluginCatalog::factory(const Clock& clock, Services services, RuntimeOptions options) const {
  return [this, &clock, services, options](const Slot& slot, const fs::path& content_dir) -> std::unique_ptr<Scene> {
    if (slot.scene != "plugin") return nullptr;
    auto it = entries_.find(slot.plugin);
    if (it == entries_.end()) {
      std::vector<std::string> ids;
      for (const auto& [id, entry] : entries_)
        if (entry.manifest && entry.manifest->kind == "scene") ids.push_back(id);
      throw ConfigError(fmt::format("{}: no plugin '{}' is installed (installed: {})", slot.plugin_where, slot.plugin,
                                    ids.empty() ? "none" : fmt::format("{}", fmt::join(ids, ", "))));
    }
    if (!it->second.manifest) throw ConfigError(it->second.error);
    const Manifest& m = *it->second.manifest;
    if (m.kind != "scene")
      throw ConfigError(fmt::format("{}: plugin '{}' is an overlay: list it in [plugins] overlays, not in the schedule",
                                    slot.plugin_where, slot.plugin));
    nlohmann::json settings = resolve_settings(m, slot.settings.get(), slot.source);
    RuntimeOptions o = options;
    o.limits.memory_bytes = m.memory_bytes;
    o.content_dir = content_dir;
    auto runtime = std::make_unique<PluginRuntime>(m, settings, clock, services, o);
    runtime->start();  // a plugin that fails to load is unavailable; the rotation skips it
    return std::make_unique<PluginScene>(std::move(runtime));
  };
}

std::vector<std::unique_ptr<Scene>> PluginCatalog::overlays(const std::vector<std::string>& ids, const Clock& clock,
                                                            Services services, RuntimeOptions options,
                                                            std::vector<std::string>* problems) const {
  auto refuse = [problems](std::string why) {
    spdlog::error("{}", why);
    if (problems) problems->push_back(std::move(why));
  };
  std::vector<std::unique_ptr<Scene>> out;
  for (const auto& id : ids) {
    auto it = entries_.find(id);
    if (it == entries_.end() || !it->second.manifest) {
      refuse(fmt::format("[plugins] overlays: no usable plugin '{}'{}", id, it == entries_.end() ? "" : ": " + it->second.error));
      continue;
    }
    const Manifest& m = *it->second.manifest;
    if (m.kind != "overlay") {
      refuse(fmt::format("[plugins] overlays: plugin '{}' has kind = \"{}\", not \"overlay\"", id, m.kind));
      continue;
    }
    RuntimeOptions o = options;
    o.limits.memory_bytes = m.memory_bytes;
    auto runtime = std::make_unique<PluginRuntime>(m, resolve_settings(m, nullptr, "[plugins] overlays"), clock, services, o);
    if (!runtime->start() && problems) problems->push_back(fmt::format("[plugins] overlays: {}: {}", id, runtime->last_error()));
    out.push_back(std::make_unique<PluginScene>(std::move(runtime)));
  }
  return out;
}

size_t max_plugin_memory(const Config& config) {
  return static_cast<size_t>(config.section("plugins").integer("max_memory_mb", 64, 1, 1024)) << 20;
}

RuntimeOptions runtime_options(const Config& config) {
  TomlReader r = config.section("plugins");
  RuntimeOptions o;
  o.language = config.language;
  o.limits.frame_budget = std::chrono::microseconds(r.integer("frame_ms", 5, 1, 1000) * 1000);
  o.limits.load_budget = std::chrono::microseconds(r.integer("load_ms", 500, 10, 10000) * 1000);
  o.dev_mode = r.boolean("dev", false) || config.dev_mode;
  o.keep_broken_on_screen = o.dev_mode;
  o.content_dir = config.content_dir;
  o.departments = config.departments;
  o.set_portrait(config.orientation == Orientation::Portrait);
  r.integer("max_memory_mb", 64, 1, 1024);
  r.strings("overlays");
  for (auto& w : r.unknown_keys()) spdlog::warn("{}", w);
  return o;
}

}  // namespace eco::lua
