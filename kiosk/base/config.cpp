#include "base/config.h"

#include <cstdlib>
#include <fmt/format.h>

#include "base/config_sections.h"
#include "base/iso8601.h"

namespace eco {
namespace fs = std::filesystem;

namespace {

fs::path exe_dir() {
  std::error_code ec;
  auto exe = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::current_path() : exe.parent_path();
}

fs::path first_existing(std::initializer_list<fs::path> candidates) {
  for (const auto& c : candidates)
    if (!c.empty() && fs::exists(c)) return c;
  return *candidates.begin();
}

}  // namespace

// Sections parsed by other concerns; their inner keys are checked there.
const std::vector<std::string_view>& delegated_config_sections() {
  static const std::vector<std::string_view> sections{"store", "data", "plugins", "updates", "status"};
  return sections;
}

fs::path config_relative_path(const Config& config, const std::string& path) {
  fs::path p(path);
  std::error_code ec;
  if (p.empty() || p.is_absolute() || !fs::is_regular_file(config.source, ec)) return p;
  return fs::absolute(fs::path(config.source).parent_path() / p).lexically_normal();
}

namespace {
std::function<void(const Config&)>& config_validator() {
  static std::function<void(const Config&)> validator;
  return validator;
}
}  // namespace

void set_config_validator(std::function<void(const Config&)> validator) { config_validator() = std::move(validator); }

void validate_config(const Config& config) {
  if (config_validator()) config_validator()(config);
}

fs::path default_content_dir() {
  return first_existing({exe_dir() / "../share/ecolobby/content", fs::path(ECOLOBBY_SOURCE_DIR) / "content",
                         "/usr/share/ecolobby/content"});
}

fs::path default_plugins_dir() {
  return first_existing({exe_dir() / "../share/ecolobby/plugins", fs::path(ECOLOBBY_SOURCE_DIR) / "plugins",
                         "/usr/share/ecolobby/plugins"});
}

fs::path system_config_path() {
  if (const char* over = std::getenv("ECOLOBBY_SYSTEM_CONFIG"); over && *over) return over;
  return kSystemConfigPath;
}

bool is_system_config(const std::string& source) {
  std::error_code ec;
  return fs::equivalent(source, system_config_path(), ec);
}

fs::path default_data_dir(bool system_config) {
  // Never "whichever is writable": the directory must not depend on who runs the command.
  if (system_config) return kScreenDataDir;
  if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) return fs::path(xdg) / "ecolobby";
  if (const char* home = std::getenv("HOME"); home && *home) return fs::path(home) / ".local/share/ecolobby";
  return fs::current_path() / "ecolobby-data";
}

TomlReader Config::section(std::string_view name) const {
  static const toml::table empty;
  if (document) {
    TomlReader root(*document, source);
    if (auto t = root.table(name)) return *t;
  }
  return TomlReader(empty, source, std::string(name));
}

Config parse_config(std::string_view toml_text, const std::string& source_name) {
  Config c;
  c.source = source_name;
  c.document = parse_toml_string(toml_text, source_name);
  TomlReader r(*c.document, source_name);

  c.org_name = r.string("org_name", c.org_name);
  c.welcome_line = r.string("welcome_line", c.welcome_line);
  c.kiosk_id = r.string("kiosk_id", c.kiosk_id);
  c.language = r.choice("language", c.language, {"zh-CN", "en"});
  c.orientation = r.choice("orientation", "landscape", {"landscape", "portrait"}) == "portrait"
                      ? Orientation::Portrait
                      : Orientation::Landscape;
  c.idle_timeout_s = static_cast<int>(r.integer("idle_timeout_s", c.idle_timeout_s, 5, 3600));
  c.allow_quit_keys = r.boolean("allow_quit_keys", c.allow_quit_keys);
  c.large_print = r.boolean("large_print", c.large_print);
  if (auto off = r.optional_string("utc_offset")) {
    auto minutes = parse_utc_offset(*off);
    if (!minutes) r.fail("utc_offset", "an offset like \"+08:00\"");
    c.utc_offset_minutes = *minutes;
  }
  c.data_dir = r.string("data_dir", "");
  c.content_dir = r.string("content_dir", "");
  c.plugins_dir = r.string("plugins_dir", "");
  c.departments = r.strings("departments");
  c.font_file = r.string("font_file", "");

  if (auto d = r.table("display")) {
    c.display.fullscreen = d->boolean("fullscreen", c.display.fullscreen);
    c.display.vsync = d->boolean("vsync", c.display.vsync);
    auto window = [&](const char* key, const char* example) -> std::optional<DailyWindow> {
      auto text = d->optional_string(key);
      if (!text || text->empty()) return std::nullopt;
      auto w = parse_daily_window(*text);
      if (!w) d->fail(key, std::string("a time window like \"") + example + "\"");
      return w;
    };
    c.display.hours.off_hours = window("off_hours", "20:00-07:00");
    c.display.hours.on_hours = window("on_hours", "07:30-19:00");
    for (int64_t day : d->integers("on_days", 1, 7)) c.display.hours.on_days.push_back(static_cast<int>(day));
    c.display.off_command = d->string("off_command", "");
    c.display.on_command = d->string("on_command", "");
    for (auto& w : d->unknown_keys()) c.warnings.push_back(w);
  }
  for (std::string_view s : delegated_config_sections()) r.mark_read(s);
  for (auto& w : r.unknown_keys()) c.warnings.push_back(w);

  // Relative paths in a config file mean "next to this file", whatever the working directory.
  for (fs::path* p : {&c.data_dir, &c.content_dir, &c.plugins_dir}) *p = config_relative_path(c, p->string());
  c.font_file = config_relative_path(c, c.font_file).string();
  if (c.data_dir.empty()) c.data_dir = default_data_dir(is_system_config(source_name));
  if (c.content_dir.empty()) c.content_dir = default_content_dir();
  if (c.plugins_dir.empty()) c.plugins_dir = default_plugins_dir();
  return c;
}

Config load_config(const std::optional<fs::path>& explicit_path) {
  fs::path path;
  if (explicit_path) {
    path = *explicit_path;
  } else if (fs::exists(system_config_path())) {
    path = system_config_path();
  } else {
    return parse_config("", "(built-in defaults)");
  }
  return parse_config(read_text_file(path.string()), path.string());
}

}  // namespace eco
