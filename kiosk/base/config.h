#pragma once
// The kiosk's configuration: /etc/ecolobby/ecolobby.toml or --config FILE over embedded
// defaults. Sections owned by other concerns ([store], [data], [plugins], [updates], [status])
// are kept as TOML and parsed by those concerns, with the same file:line errors.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/daily_window.h"
#include "base/display_hours.h"
#include "base/toml_reader.h"

namespace eco {

enum class Orientation { Landscape, Portrait };

struct DisplayConfig {
  bool fullscreen = true;
  bool vsync = true;
  DisplayHours hours;        // outside them: black and asleep, a touch wakes it
  std::string off_command;   // run when the screen goes off (e.g. "xset dpms force off")
  std::string on_command;    // run when it comes back
};

struct Config {
  std::string source = "(built-in defaults)";  // the file it came from
  std::string org_name = "垫江县公共机构节能办公室";
  std::string welcome_line = "节约能源资源，共建绿色机关";
  std::string kiosk_id = "kiosk-1";
  std::string language = "zh-CN";
  Orientation orientation = Orientation::Landscape;
  int idle_timeout_s = 60;
  bool allow_quit_keys = false;
  bool large_print = false;
  int utc_offset_minutes = 480;
  std::filesystem::path data_dir;
  std::filesystem::path content_dir;
  std::filesystem::path plugins_dir;
  std::vector<std::string> departments;
  std::string font_file;  // overrides the system CJK font (TTF/OTF/TTC); fallback if unreadable
  DisplayConfig display;
  bool dev_mode = false;  // set by --dev, not by the file

  std::shared_ptr<toml::table> document;  // the whole file, for the other concerns' sections
  std::vector<std::string> warnings;      // unknown keys and other non-fatal findings

  // Reader over one section owned by another concern (empty table when absent).
  TomlReader section(std::string_view name) const;
};

constexpr const char* kSystemConfigPath = "/etc/ecolobby/ecolobby.toml";
// The installed screen's data directory when its configuration names none (the package makes it).
constexpr const char* kScreenDataDir = "/var/lib/ecolobby";

// The system configuration file: $ECOLOBBY_SYSTEM_CONFIG if set (tests), else kSystemConfigPath.
std::filesystem::path system_config_path();
// Whether `source` is the system configuration file: the installed screen's configuration.
bool is_system_config(const std::string& source);

// Loads `explicit_path`, else the system file if it exists, else the defaults.
// Throws ConfigError (one line naming file:line and key) on any invalid value.
Config load_config(const std::optional<std::filesystem::path>& explicit_path);
Config parse_config(std::string_view toml_text, const std::string& source_name);

// Where the bundled content and plugins are when nothing says otherwise: next to the installed
// program (/usr/share/ecolobby) or, in a build tree, the source checkout.
std::filesystem::path default_content_dir();
std::filesystem::path default_plugins_dir();
// Without data_dir in the file: the installed screen's (kScreenDataDir) for the system
// configuration, whoever runs the command; for any other file or none, the user's own
// ($XDG_DATA_HOME/ecolobby, ~/.local/share/ecolobby, ./ecolobby-data).
std::filesystem::path default_data_dir(bool system_config);

}  // namespace eco
