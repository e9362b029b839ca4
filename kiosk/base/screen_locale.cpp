#include "base/screen_locale.h"

#include <spdlog/spdlog.h>

namespace eco {

Locale load_screen_locale(const std::string& language) {
  try {
    return Locale::load(default_assets_dir() / "locale", language);
  } catch (const std::exception& e) {
    spdlog::error("{}; interface strings will show their keys", e.what());
    return Locale();
  }
}

}  // namespace eco
