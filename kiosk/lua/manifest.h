#pragma once
// plugins/<id>/plugin.toml: who the plugin is, what it may do, and its settings.
//
//   id = "energy_week_quiz"          # folder name; [a-z0-9_]
//   version = "1.0.0"
//   api = 1
//   name = { zh-CN = "节能知识竞答", en = "Energy quiz" }
//   kind = "scene"                   # scene | overlay
//   interactive = true
//   permissions = ["participation", "store", "data"]
//   memory_mb = 16                   # optional, up to [plugins] max_memory_mb
//   [participation]
//   keys = ["question", "correct", "score", "department"]
//   [settings.rounds]                # settings schema with defaults
//   type = "integer"  default = 5  min = 1  max = 10
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/localized_text.h"

namespace toml {
inline namespace v3 {
class table;
}
}  // namespace toml

namespace eco::lua {

constexpr int kApiVersion = 1;

struct SettingSpec {
  std::string type;  // string | integer | number | boolean
  nlohmann::json default_value;
  std::optional<double> min, max;
  std::vector<std::string> choices;
};

struct Manifest {
  std::filesystem::path dir;
  std::string id;
  std::string version;
  int api = kApiVersion;
  LocalizedText name;
  std::string kind = "scene";
  bool interactive = false;
  bool needs_data = false;  // skipped in the rotation while there are no energy figures
  std::set<std::string> permissions;
  size_t memory_bytes = 32u << 20;
  std::vector<std::string> participation_keys;
  std::map<std::string, SettingSpec> settings;

  bool allows(const std::string& permission) const { return permissions.contains(permission); }
  std::string display_name(const std::string& language) const;
};

// Throws ConfigError "plugin.toml:LINE: key 'k': …".
Manifest load_manifest(const std::filesystem::path& plugin_dir, size_t max_memory_bytes = 64u << 20);

// Settings for one use of the plugin: defaults from the manifest overridden by the schedule
// slot's [slot.settings]; throws ConfigError "source:LINE: key 'slot.settings.k': …" (the line of
// the offending key) for unknown keys, wrong types and values outside the manifest's range or choices.
nlohmann::json resolve_settings(const Manifest& m, const toml::table* overrides, const std::string& source);

// Resolves an asset name inside the plugin folder; nullopt for absolute paths, "..", or links
// that leave the folder.
std::optional<std::filesystem::path> resolve_asset(const Manifest& m, const std::string& name);

}  // namespace eco::lua
