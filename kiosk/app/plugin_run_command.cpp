#include "app/plugin_run_command.h"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <mutex>

#include <fmt/format.h>

#include "app/kiosk_app.h"
#include "app/kiosk_services.h"
#include "base/screen_locale.h"
#include "lua/plugin_catalog.h"
#include "lua/plugin_commands.h"
#include "lua/plugin_error.h"

namespace eco {
namespace fs = std::filesystem;

namespace {

// Whether the plugin loaded the last time the screen made it (a --dev reload makes it again): a
// plugin that cannot load makes `plugin run` exit 1 with its error, never look like success.
struct LoadWatch {
  std::mutex mutex;
  std::string error;  // empty: loaded
  void note(const Scene* scene, const std::string& name) {
    if (!scene || scene->name() != name) return;
    std::lock_guard lock(mutex);
    error = scene->failure();
  }
  void note_error(const std::string& e) {
    std::lock_guard lock(mutex);
    error = e;
  }
};

// The kiosk's own services (SQLite store, data worker, the screen's checks) on a scratch data
// folder, watching whether the plugin loads. Updates and the status endpoint stay off.
KioskHooks plugin_run_hooks(const Config& config, const std::string& id, std::shared_ptr<LoadWatch> watch) {
  KioskHooks hooks = make_kiosk_hooks(config);
  std::string name = "plugin:" + id;
  auto screen = hooks.scene_factory;
  hooks.scene_factory = [screen, watch, name](const Clock& clock) -> SceneFactory {
    SceneFactory make = screen(clock);
    return [make, watch, name](const Slot& slot, const fs::path& dir) -> std::unique_ptr<Scene> {
      try {
        auto scene = make(slot, dir);
        watch->note(scene.get(), name);
        return scene;
      } catch (const std::exception& e) {  // bad settings, a broken manifest: the slot is refused
        watch->note_error(e.what());
        throw;
      }
    };
  };
  if (auto overlays = hooks.overlays)
    hooks.overlays = [overlays, watch, name](const Clock& clock) {
      auto scenes = overlays(clock);
      bool found = false;
      for (const auto& s : scenes) {
        watch->note(s.get(), name);
        found = found || s->name() == name;
      }
      if (!found) watch->note_error("the overlay could not be made (see the log)");
      return scenes;
    };
  return hooks;
}

}  // namespace

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
    config.dev_mode = true;  // the error card shows file:line and a hint
    // A one-slot schedule in a scratch content folder: the plugin, all day.
    fs::path scratch = fs::temp_directory_path() / fmt::format("ecolobby-plugin-run-{}", ::getpid());
    fs::create_directories(scratch / "content");
    if (!options->data_dir) config.data_dir = scratch / "data";  // a store of its own, gone at exit
    // The configured content's data files (question banks, images) stay readable by content.read.
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(config.content_dir, ec))
      if (e.path().filename() != "schedule.toml" && e.path().filename() != "plugins")
        fs::create_symlink(fs::absolute(e.path()), scratch / "content" / e.path().filename(), ec);
    std::string id = folder.filename().string();
    auto doc = std::make_shared<toml::table>(config.document ? *config.document : toml::table{});
    doc->erase("updates");  // a preview neither installs content nor answers on the network
    doc->erase("status");
    if (lua::load_manifest(folder, lua::max_plugin_memory(config)).kind == "overlay") {
      // An overlay is previewed above the welcome page.
      if (!doc->get_as<toml::table>("plugins")) doc->insert("plugins", toml::table{});
      doc->get_as<toml::table>("plugins")->insert_or_assign("overlays", toml::array{id});
      std::ofstream(scratch / "content" / "schedule.toml") << "[[slot]]\nscene = \"welcome\"\nduration_s = 86400\n";
    } else {
      std::ofstream(scratch / "content" / "schedule.toml")
          << fmt::format("[[slot]]\nplugin = \"{}\"\nduration_s = 86400\n", id);
    }
    config.document = doc;
    RunOptions o = *options;
    o.content = (scratch / "content").string();
    if (o.windowed.empty() && !o.headless) o.windowed = "1280x720";
    config.allow_quit_keys = true;
    auto watch = std::make_shared<LoadWatch>();
    int code = 0;
    try {
      code = run_kiosk(config, o, plugin_run_hooks(config, id, watch));
    } catch (...) {
      fs::remove_all(scratch, ec);
      throw;
    }
    fs::remove_all(scratch, ec);
    std::lock_guard lock(watch->mutex);
    if (!watch->error.empty()) {
      std::cerr << "plugin run: " << id << " cannot load: " << lua::error_summary(watch->error) << "\n";
      std::string hint = lua::error_hint(watch->error, load_screen_locale(config.language));
      if (!hint.empty()) std::cerr << "  " << hint << "\n";
      code = 1;
    }
    ctx.exit_code = code;
  });
}

}  // namespace eco
