#include "app/plugin_run_command.h"

#include <unistd.h>

#include <fstream>

#include <fmt/format.h>

#include "app/kiosk_app.h"
#include "lua/plugin_catalog.h"
#include "lua/plugin_commands.h"
#include "lua/plugin_host.h"

namespace eco {
namespace fs = std::filesystem;

void register_plugin_run_command(CLI::App& plugin, CommandContext& ctx) {
  auto* run = plugin.add_subcommand("run", "Show one plugin as the only scene");
  auto dir = std::make_shared<std::string>();
  auto options = std::make_shared<RunOptions>();
  run->add_option("dir", *dir, "Plugin folder (with plugin.toml)")->required();
  add_run_options(*run, *options);
  run->callback([&ctx, dir, options] {
    fs::path folder = lua::plugin_folder_argument(*dir);
    Config config = apply_run_options(ctx.config(), *options);  // --lang, --orientation reach the plugin too
    config.plugins_dir = folder.parent_path();
    // A one-slot schedule in a scratch content folder: the plugin, all day.
    fs::path scratch = fs::temp_directory_path() / fmt::format("ecolobby-plugin-run-{}", ::getpid());
    fs::create_directories(scratch);
    // The configured content's data files (question banks, images) stay readable by content.read.
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(config.content_dir, ec))
      if (e.path().filename() != "schedule.toml" && e.path().filename() != "plugins")
        fs::create_symlink(fs::absolute(e.path()), scratch / e.path().filename(), ec);
    std::string id = folder.filename().string();
    if (lua::load_manifest(folder, lua::max_plugin_memory(config)).kind == "overlay") {
      // An overlay is previewed above the welcome page.
      auto doc = std::make_shared<toml::table>(config.document ? *config.document : toml::table{});
      if (!doc->get_as<toml::table>("plugins")) doc->insert("plugins", toml::table{});
      doc->get_as<toml::table>("plugins")->insert_or_assign("overlays", toml::array{id});
      config.document = doc;
      std::ofstream(scratch / "schedule.toml") << "[[slot]]\nscene = \"welcome\"\nduration_s = 86400\n";
    } else {
      std::ofstream(scratch / "schedule.toml") << fmt::format("[[slot]]\nplugin = \"{}\"\nduration_s = 86400\n", id);
    }
    RunOptions o = *options;
    o.content = scratch.string();
    if (o.windowed.empty() && !o.headless) o.windowed = "1280x720";
    config.allow_quit_keys = true;
    auto host = std::make_shared<lua::PluginHost>(config);
    KioskHooks hooks;
    hooks.scene_factory = [host](const Clock& clock) { return host->scene_factory(clock); };
    hooks.overlays = [host](const Clock& clock) { return host->overlays(clock); };
    ctx.exit_code = run_kiosk(config, o, hooks);
    fs::remove_all(scratch);
  });
}

}  // namespace eco
