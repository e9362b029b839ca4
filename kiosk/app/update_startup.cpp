#include "app/update_startup.h"

#include <spdlog/spdlog.h>

namespace eco {

std::unique_ptr<update::UpdateService> start_updates(const Config& config, const update::UpdateConfig& update_config,
                                                     const std::filesystem::path& bundled_content) {
  try {
    update::ChildInstaller installer{.config_file = std::filesystem::is_regular_file(config.source) ? config.source : "",
                                     .data_dir = config.data_dir,
                                     .trusted_keys = update_config.trusted_keys};
    return update::UpdateService::installing_in_child(update_config, config.data_dir, config.content_dir, bundled_content,
                                                      std::move(installer));
  } catch (const std::exception& e) {
    spdlog::error("content updates unavailable: {}", e.what());
    return nullptr;
  }
}

}  // namespace eco
