#pragma once
// What the concerns that own a section of the configuration need besides Config::section: the
// list of those sections (so `ecolobby check` can prove it validates each one) and the rule for
// paths written in the file.
#include <filesystem>
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

}  // namespace eco
