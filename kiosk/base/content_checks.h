#pragma once
// The registry of content validators: each concern adds one for its kind of content (schedule,
// slides, plugins, question banks, feeds), and `ecolobby check`, `plugin test`, the bundle
// installer and the screen's own content switch all run the same ones: one validation path.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "base/config.h"

namespace eco {

struct CheckReport {
  std::vector<std::string> errors;    // one line each, naming file:line
  std::vector<std::string> warnings;
};

// A validator of one kind of content in a content directory.
using ContentValidator = std::function<void(const Config&, const std::filesystem::path& content_dir, CheckReport&)>;
void add_content_check(std::string name, ContentValidator check);
// Runs every registered check over `content_dir`.
CheckReport check_content(const Config& config, const std::filesystem::path& content_dir);

}  // namespace eco
