#pragma once
// How a concern adds its subcommands to `ecolobby` (export, kpi, plugin, bundle, …) without
// main.cpp knowing their details. The config is loaded lazily so --config applies first.
#include <functional>
#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "base/config.h"

namespace eco {

struct CommandContext {
  std::function<const Config&()> config;  // loads (once) and returns the configuration
  const std::optional<std::string>* config_file = nullptr;  // --config as given, for a command that starts ecolobby again
  int exit_code = 0;                      // set by a subcommand's callback
};

// Throw CommandError (or ConfigError) from a callback: main prints "ecolobby: <what>" and exits
// with `code`.
struct CommandError : std::runtime_error {
  CommandError(const std::string& what, int code = 1) : std::runtime_error(what), code(code) {}
  int code;
};

}  // namespace eco
