#include "update/release_status_command.h"

#include <cstdio>

#include <nlohmann/json.hpp>

#include "update/release_store.h"

namespace eco::update {
namespace fs = std::filesystem;

void register_release_status_command(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("status", "Content version, previous versions, last update check and last error");
  auto data_dir = std::make_shared<std::string>();
  auto json = std::make_shared<bool>(false);
  cmd->add_option("--data-dir", *data_dir, "Screen data directory (default: the configured one)");
  cmd->add_flag("--json", *json, "Machine-readable output");
  cmd->callback([&ctx, data_dir, json] {
    ReleaseStore store(data_dir->empty() ? ctx.config().data_dir : fs::path(*data_dir));
    UpdateState s = store.state();
    auto cur = store.current_dir();
    std::string current = cur ? ReleaseStore::version_of(*cur) : "";
    if (*json) {
      nlohmann::json j{{"program_version", ECOLOBBY_VERSION}, {"content_version", current}, {"content_dir", cur ? cur->string() : ""},
                       {"previous", s.previous}, {"pending", s.pending}, {"bad", s.bad}, {"refused", s.refused}, {"last_check", s.last_check},
                       {"last_error", s.last_error}, {"last_change", s.last_change}, {"log", s.log}};
      std::printf("%s\n", j.dump(2).c_str());
      return;
    }
    auto or_dash = [](const std::string& v) { return v.empty() ? std::string("-") : v; };
    std::printf("program:   ecolobby %s\n", ECOLOBBY_VERSION);
    std::printf("content:   %s%s\n", cur ? current.c_str() : "bundled (no release installed)",
                s.pending.empty() ? "" : " (health check pending)");
    std::string prev;
    for (const auto& p : s.previous) prev += (prev.empty() ? "" : ", ") + p;
    std::printf("previous:  %s\n", or_dash(prev).c_str());
    for (const auto& [version, why] : s.bad) std::printf("rolled back: %s (%s)\n", version.c_str(), why.c_str());
    for (const auto& [version, why] : s.refused) std::printf("refused:   %s (%s)\n", version.c_str(), why.c_str());
    std::printf("changed:   %s\nlast check: %s\nlast error: %s\n", or_dash(s.last_change).c_str(), or_dash(s.last_check).c_str(),
                or_dash(s.last_error).c_str());
  });
}

}  // namespace eco::update
