#include "update/release_check.h"

#include <stdlib.h>

#include <algorithm>

#include "base/content_checks.h"

namespace eco::update {
namespace fs = std::filesystem;

ContentCheck content_check_for(const Config& config) {
  return [config](const fs::path& dir) {
    std::vector<std::string> errors = check_content(config, dir).errors;
    if (errors.empty()) return errors;
    // Some checks read the configuration too ([status] token, [data], system plugins). An error
    // an empty folder gets as well is this screen's, not the bundle's: refusing the bundle for it
    // would keep a good bundle out after the configuration is mended.
    std::string pattern = (dir.parent_path() / ".empty-XXXXXX").string();
    if (!mkdtemp(pattern.data())) return errors;
    std::vector<std::string> baseline = check_content(config, pattern).errors;
    std::error_code ec;
    fs::remove_all(pattern, ec);
    bool all_the_screens = std::all_of(errors.begin(), errors.end(), [&](const std::string& e) {
      return std::find(baseline.begin(), baseline.end(), e) != baseline.end();
    });
    if (all_the_screens) throw ConfigError(config.source + " fails its check, whatever the content: " + errors.front());
    return errors;
  };
}

}  // namespace eco::update
