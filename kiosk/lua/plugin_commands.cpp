#include "lua/plugin_commands.h"

#include <iostream>

#include "lua/plugin_test_harness.h"

namespace eco::lua {
namespace fs = std::filesystem;

fs::path plugin_folder_argument(const std::string& arg) {
  fs::path dir = fs::absolute(arg).lexically_normal();
  if (dir.filename().empty()) dir = dir.parent_path();
  if (!fs::exists(dir / "plugin.toml")) throw CommandError(dir.string() + ": no plugin.toml here", 2);
  return dir;
}

CLI::App* register_plugin_commands(CLI::App& app, CommandContext& ctx) {
  auto* plugin = app.add_subcommand("plugin", "Preview and test Lua campaign plugins");
  plugin->require_subcommand(1);
  auto* test = plugin->add_subcommand("test", "Run a plugin's tests/*.lua headless");
  auto test_dir = std::make_shared<std::string>();
  test->add_option("dir", *test_dir, "Plugin folder (with plugin.toml)")->required();
  test->callback([&ctx, test_dir] {
    PluginTestHarness harness(plugin_folder_argument(*test_dir), ctx.config());
    TestSummary s = harness.run(std::cout);
    ctx.exit_code = s.failed == 0 && s.passed > 0 ? 0 : 1;
  });
  return plugin;
}

}  // namespace eco::lua
