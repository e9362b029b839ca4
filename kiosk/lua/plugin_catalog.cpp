#include "lua/plugin_catalog.h"

#include <stdexcept>

#include <fmt/format.h>
#include <lua.hpp>
#include <spdlog/spdlog.h>

#include "base/content_checks.h"
#include "base/toml_reader.h"
#include "lua/plugin_scene.h"
#include "lua/sandbox.h"

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
    if (it == entries_.end()) throw ConfigError(fmt::format("{}: no plugin '{}' is installed", slot.where, slot.plugin));
    if (!it->second.manifest) throw ConfigError(it->second.error);
    const Manifest& m = *it->second.manifest;
    if (m.kind != "scene")
      throw ConfigError(fmt::format("{}: plugin '{}' is an overlay: list it in [plugins] overlays, not in the schedule",
                                    slot.where, slot.plugin));
    nlohmann::json settings = resolve_settings(m, slot.settings.get(), slot.where);
    RuntimeOptions o = options;
    o.limits.memory_bytes = m.memory_bytes;
    o.content_dir = content_dir;
    auto runtime = std::make_unique<PluginRuntime>(m, settings, clock, services, o);
    runtime->start();  // a plugin that fails to load is unavailable; the rotation skips it
    return std::make_unique<PluginScene>(std::move(runtime));
  };
}

std::vector<std::unique_ptr<Scene>> PluginCatalog::overlays(const std::vector<std::string>& ids, const Clock& clock,
                                                            Services services, RuntimeOptions options) const {
  std::vector<std::unique_ptr<Scene>> out;
  for (const auto& id : ids) {
    auto it = entries_.find(id);
    if (it == entries_.end() || !it->second.manifest) {
      spdlog::error("[plugins] overlays: no usable plugin '{}'{}", id, it == entries_.end() ? "" : ": " + it->second.error);
      continue;
    }
    const Manifest& m = *it->second.manifest;
    if (m.kind != "overlay") {
      spdlog::error("[plugins] overlays: plugin '{}' has kind = \"{}\", not \"overlay\"", id, m.kind);
      continue;
    }
    RuntimeOptions o = options;
    o.limits.memory_bytes = m.memory_bytes;
    auto runtime = std::make_unique<PluginRuntime>(m, resolve_settings(m, nullptr, "[plugins] overlays"), clock, services, o);
    runtime->start();
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
  o.content_dir = config.content_dir;
  o.departments = config.departments;
  o.set_portrait(config.orientation == Orientation::Portrait);
  r.integer("max_memory_mb", 64, 1, 1024);
  r.strings("overlays");
  for (auto& w : r.unknown_keys()) spdlog::warn("{}", w);
  return o;
}

void register_plugin_checks() {
  add_content_check("plugins", [](const Config& config, const fs::path& content_dir, CheckReport& report) {
    size_t max_memory = max_plugin_memory(config);
    for (const fs::path& dir : {config.plugins_dir, content_dir / "plugins"}) {
      std::error_code ec;
      if (!fs::is_directory(dir, ec)) continue;
      for (const auto& e : fs::directory_iterator(dir, ec)) {
        if (!e.is_directory()) continue;
        try {
          Manifest m = load_manifest(e.path(), max_memory);
          std::string source = read_text_file((e.path() / "main.lua").string());
          Budget budget(m.memory_bytes);
          StatePtr state = new_sandboxed_state(budget);
          if (!state) throw std::runtime_error(m.id + ": cannot create a Lua state within its memory limit");
          std::string chunk = "@" + m.id + "/main.lua";
          if (luaL_loadbufferx(state.get(), source.data(), source.size(), chunk.c_str(), "t") != LUA_OK)
            report.errors.push_back(std::string("syntax error: ") + lua_tostring(state.get(), -1));
        } catch (const std::exception& ex) {
          report.errors.push_back(ex.what());
        }
      }
    }
  });
}

}  // namespace eco::lua
