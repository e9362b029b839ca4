#include "app/config_checks.h"

#include <functional>
#include <map>
#include <stdexcept>

#include <spdlog/spdlog.h>

#include "base/config_sections.h"
#include "data/data_config.h"
#include "lua/plugin_catalog.h"
#include "status/status_config.h"
#include "store/store_config.h"
#include "update/update_config.h"

namespace eco {
namespace {

const std::map<std::string_view, std::function<void(const Config&)>>& loaders() {
  static const std::map<std::string_view, std::function<void(const Config&)>> all{
      {"updates", [](const Config& c) { update::load_update_config(c); }},
      {"store", [](const Config& c) { store::load_store_config(c); }},
      {"data", [](const Config& c) { data::load_data_config(c); }},
      {"plugins",
       [](const Config& c) {
         lua::max_plugin_memory(c);
         lua::runtime_options(c);
       }},
      {"status", [](const Config& c) { status::load_status_config(c); }},
  };
  return all;
}

}  // namespace

std::vector<std::string> config_errors(const Config& config) {
  std::vector<std::string> errors;
  for (std::string_view section : delegated_config_sections()) {
    auto loader = loaders().find(section);
    if (loader == loaders().end()) throw std::logic_error("no loader checks the [" + std::string(section) + "] section");
    try {
      loader->second(config);
    } catch (const ConfigError& e) {
      errors.push_back(e.what());
    }
  }
  return errors;
}

void require_valid_config(const Config& config) {
  // Unknown-key warnings are said once, by the loaders the start runs right after this.
  auto logger = spdlog::default_logger();
  auto level = logger->level();
  logger->set_level(spdlog::level::err);
  std::vector<std::string> errors;
  try {
    errors = config_errors(config);
  } catch (...) {
    logger->set_level(level);
    throw;
  }
  logger->set_level(level);
  if (!errors.empty()) throw ConfigError(errors.front());
}

}  // namespace eco
