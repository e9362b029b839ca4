#include "app/check_command.h"

#include <algorithm>
#include <cstdio>

#include "app/config_checks.h"
#include "base/content_checks.h"

namespace eco {

void register_check_command(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("check", "Validate configuration, schedule, plugins and content");
  auto content = std::make_shared<std::string>();
  cmd->add_option("content_dir,--content", *content, "Content directory (default: the configured one)");
  cmd->callback([&ctx, content] {
    const Config& config = ctx.config();
    std::filesystem::path dir = content->empty() ? config.content_dir : std::filesystem::path(*content);
    CheckReport report = check_content(config, dir);
    // The configuration's sections, as the screen reads them at start; a content check that reads
    // one too ([data]) says the same line only once.
    std::vector<std::string> errors;
    for (auto& e : config_errors(config))
      if (std::find(report.errors.begin(), report.errors.end(), e) == report.errors.end()) errors.push_back(e);
    report.errors.insert(report.errors.begin(), errors.begin(), errors.end());
    for (const auto& w : config.warnings) std::printf("warning: %s\n", w.c_str());
    for (const auto& w : report.warnings) std::printf("warning: %s\n", w.c_str());
    for (const auto& e : report.errors) std::printf("error: %s\n", e.c_str());
    std::printf("%s: %zu error(s), %zu warning(s)\n", dir.string().c_str(), report.errors.size(),
                report.warnings.size() + config.warnings.size());
    ctx.exit_code = report.errors.empty() ? 0 : 1;
  });
}

}  // namespace eco
