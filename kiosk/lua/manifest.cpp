#include "lua/manifest.h"

#include <algorithm>

#include <fmt/format.h>

#include "base/toml_reader.h"

namespace eco::lua {
namespace fs = std::filesystem;

namespace {
const std::set<std::string> kPermissions = {"participation", "store", "data", "content"};

nlohmann::json toml_value(const toml::node& n) {
  if (auto v = n.value_exact<std::string>()) return *v;
  if (auto v = n.value_exact<int64_t>()) return *v;
  if (auto v = n.value_exact<double>()) return *v;
  if (auto v = n.value_exact<bool>()) return *v;
  return nullptr;
}

bool type_matches(const std::string& type, const nlohmann::json& v) {
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  if (type == "boolean") return v.is_boolean();
  return false;
}
// What a value of this setting must be, in the words of TomlReader's messages.
std::string expected_of(const SettingSpec& spec) {
  std::string what = spec.type == "integer" ? "an integer" : spec.type == "number" ? "a number"
                     : spec.type == "boolean" ? "true or false" : "a string";
  if (!spec.choices.empty()) return fmt::format("one of {}", fmt::join(spec.choices, ", "));
  if (spec.min && spec.max) return fmt::format("{} from {} to {}", what, *spec.min, *spec.max);
  if (spec.min) return fmt::format("{} of at least {}", what, *spec.min);
  if (spec.max) return fmt::format("{} of at most {}", what, *spec.max);
  return what;
}

bool value_fits(const SettingSpec& spec, const nlohmann::json& v) {
  if (!type_matches(spec.type, v)) return false;
  if (v.is_number() && ((spec.min && v.get<double>() < *spec.min) || (spec.max && v.get<double>() > *spec.max)))
    return false;
  if (!spec.choices.empty() && std::find(spec.choices.begin(), spec.choices.end(), v.get<std::string>()) == spec.choices.end())
    return false;
  return true;
}

// A schema the plugin's own default breaks would make every slot's value a guess.
void check_spec(const SettingSpec& spec, const TomlReader& r) {
  bool numeric = spec.type == "integer" || spec.type == "number";
  if (!numeric && spec.min) r.fail("min", "no min: only integer and number settings have a range");
  if (!numeric && spec.max) r.fail("max", "no max: only integer and number settings have a range");
  if (spec.min && spec.max && *spec.min > *spec.max) r.fail("max", fmt::format("a number of at least min ({})", *spec.min));
  if (spec.type != "string" && !spec.choices.empty()) r.fail("choices", "no choices: only string settings have choices");
  if (!value_fits(spec, spec.default_value)) r.fail("default", expected_of(spec));
}
}  // namespace

std::string Manifest::display_name(const std::string& language) const {
  std::string shown = name.get(language);
  return shown.empty() ? id : shown;
}

Manifest load_manifest(const fs::path& dir, size_t max_memory_bytes) {
  std::string file = (dir / "plugin.toml").string();
  auto doc = parse_toml_file(file);
  TomlReader r(*doc, file);
  Manifest m;
  m.dir = dir;
  m.id = r.required_string("id");
  for (char c : m.id)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
      r.fail("id", "lower-case letters, digits and _");
  m.version = r.required_string("version");
  m.api = static_cast<int>(r.integer("api", 0, 0, 1000));
  if (m.api != kApiVersion) r.fail("api", fmt::format("{} (the API version this EcoLobby provides)", kApiVersion));
  m.name = read_localized(r, "name");
  if (m.name.empty()) r.fail("name", "the plugin's name, e.g. { zh-CN = \"…\", en = \"…\" }");
  m.kind = r.choice("kind", "scene", {"scene", "overlay"});
  m.interactive = r.boolean("interactive", false);
  m.needs_data = r.boolean("needs_data", false);
  for (const auto& p : r.strings("permissions")) {
    if (!kPermissions.contains(p)) r.fail("permissions", "a list of: participation, store, data, content");
    m.permissions.insert(p);
  }
  auto mb = r.integer("memory_mb", 32, 1, static_cast<int64_t>(max_memory_bytes >> 20));
  m.memory_bytes = static_cast<size_t>(mb) << 20;
  if (auto p = r.table("participation")) {
    m.participation_keys = p->strings("keys");
    for (auto& w : p->unknown_keys()) throw ConfigError(w);
  }
  if (auto settings = r.table("settings")) {
    for (const auto& [key, node] : settings->raw()) {
      auto spec_reader = settings->table(key.str());
      if (!spec_reader) settings->fail(key.str(), "a table with type and default");
      SettingSpec spec;
      spec.type = spec_reader->choice("type", "", {"string", "integer", "number", "boolean"});
      const toml::node* def = spec_reader->node("default");
      if (!def) spec_reader->fail("default", "a default value");
      spec.default_value = toml_value(*def);
      if (!type_matches(spec.type, spec.default_value)) spec_reader->fail("default", "a value of type " + spec.type);
      spec.min = spec_reader->optional_number("min", -1e15, 1e15);
      spec.max = spec_reader->optional_number("max", -1e15, 1e15);
      spec.choices = spec_reader->strings("choices");
      check_spec(spec, *spec_reader);
      for (auto& w : spec_reader->unknown_keys()) throw ConfigError(w);
      m.settings[std::string(key.str())] = spec;
    }
  }
  for (auto& w : r.unknown_keys()) throw ConfigError(w);  // a typo in a manifest is an error, not a guess
  if (dir.filename() != m.id)
    throw ConfigError(fmt::format("{}: id '{}' must match the folder name '{}'", file, m.id, dir.filename().string()));
  return m;
}

nlohmann::json resolve_settings(const Manifest& m, const toml::table* overrides, const std::string& source) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [key, spec] : m.settings) out[key] = spec.default_value;
  if (!overrides) return out;
  TomlReader r(*overrides, source, "slot.settings");
  for (const auto& [key, node] : *overrides) {
    std::string k(key.str());
    auto it = m.settings.find(k);
    if (it == m.settings.end()) {
      std::vector<std::string> names;
      for (const auto& [name, spec] : m.settings) names.push_back(name);
      throw ConfigError(fmt::format("{}: plugin '{}' has no such setting ({})", r.where(k), m.id,
                                    names.empty() ? "it has none" : fmt::format("it has: {}", fmt::join(names, ", "))));
    }
    const SettingSpec& spec = it->second;
    nlohmann::json v = toml_value(node);
    if (!value_fits(spec, v)) r.fail(k, fmt::format("{} (setting of plugin '{}')", expected_of(spec), m.id));
    out[k] = v;
  }
  return out;
}

std::optional<fs::path> resolve_asset(const Manifest& m, const std::string& name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos || name.find('\0') != std::string::npos)
    return std::nullopt;
  std::error_code ec;
  fs::path root = fs::weakly_canonical(m.dir, ec);
  fs::path full = fs::weakly_canonical(m.dir / name, ec);
  if (ec) return std::nullopt;
  auto [end, it] = std::mismatch(root.begin(), root.end(), full.begin(), full.end());
  if (end != root.end()) return std::nullopt;  // a symlink led outside the plugin folder
  return full;
}

}  // namespace eco::lua
