#pragma once
// What the concerns that own a section of the configuration need besides Config::section: the
// list of those sections (so `ecolobby check` can prove it validates each one) and the rule for
// paths written in the file.
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/config.h"

namespace eco {

// [store], [data], [plugins], [updates], [status]: parsed by their concerns, not by parse_config.
const std::vector<std::string_view>& delegated_config_sections();

// A path written in the configuration file: relative paths mean "next to the file", whatever the
// working directory. Absolute and empty paths are returned as they are; so are relative ones when
// the configuration did not come from a file (built-in defaults, tests' strings).
std::filesystem::path config_relative_path(const Config& config, const std::string& path);

// The check of the whole configuration the screen starts with (app/config_checks registers it),
// for commands of lower folders that must not act on a configuration the screen would refuse,
// e.g. `bundle apply`: throws ConfigError. Does nothing until one is registered.
void set_config_validator(std::function<void(const Config&)> validator);
void validate_config(const Config& config);

}  // namespace eco
