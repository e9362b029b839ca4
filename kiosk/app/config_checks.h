#pragma once
// Every section of the configuration through the very functions the screen starts with, so what
// `ecolobby check` accepts the screen accepts: the top level and [display] are read by
// load_config already; [updates], [store], [data], [plugins] and [status] here, by their owners'
// loaders. A section of base/config_sections.h with no loader here is a programming error.
#include <string>
#include <vector>

#include "base/config.h"

namespace eco {

// One line per section in error ("file:line: key 'updates.interval_s': expected …").
std::vector<std::string> config_errors(const Config& config);
// The screen's start: throws the first of them as ConfigError (exit 2).
void require_valid_config(const Config& config);

}  // namespace eco
