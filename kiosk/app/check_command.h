#pragma once
// `ecolobby check [--content DIR]`: validates config and content before they reach a screen.
// Other concerns add their validators with add_content_check().
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "app/command.h"

namespace eco {

struct CheckReport {
  std::vector<std::string> errors;    // one line each, naming file:line
  std::vector<std::string> warnings;
};

// A validator of one kind of content in a content directory.
using ContentCheck = std::function<void(const Config&, const std::filesystem::path& content_dir, CheckReport&)>;
void add_content_check(std::string name, ContentCheck check);
// Runs every registered check over `content_dir`.
CheckReport check_content(const Config& config, const std::filesystem::path& content_dir);

void register_check_command(CLI::App& app, CommandContext& ctx);

}  // namespace eco
