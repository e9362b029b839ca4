#pragma once
// `ecolobby kpi`: reads one or more feeds (file or URL), checks them and prints the derived
// figures and rankings, as text for a person or --json for scripts and reports.
#include "base/command.h"

namespace eco::data {
void register_kpi_command(CLI::App& app, CommandContext& ctx);
}
