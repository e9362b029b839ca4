// ecolobby: the lobby-screen kiosk and its administration commands.
#include <csignal>
#include <cstdio>
#include <optional>

#include <spdlog/spdlog.h>

#include "base/command.h"
#include "base/config.h"
#include "app/data_dir_access.h"
#include "app/kiosk_app.h"
#include "app/logging.h"
#include "app/memory_policy.h"
#include "app/preview_data_dir.h"
#include "app/run_options.h"

// Each concern registers its subcommands here (one line each).
#include "app/commands.h"
#include "app/kiosk_services.h"

int main(int argc, char** argv) {
  using namespace eco;
  apply_memory_policy();
  // A file-size limit must show up as a failed write (SQLite: disk full), not kill the kiosk.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"EcoLobby — 公共机构节能宣传大厅屏 / lobby-screen engagement kiosk", "ecolobby"};
  app.set_version_flag("--version", std::string("ecolobby ") + ECOLOBBY_VERSION);
  std::optional<std::string> config_path;
  bool verbose = false;
  app.add_option("--config", config_path, "Configuration file (default /etc/ecolobby/ecolobby.toml)");
  app.add_flag("-v,--verbose", verbose, "Debug logging");

  CommandContext ctx;
  ctx.config_file = &config_path;
  std::optional<Config> loaded;
  RunOptions run_options;
  std::optional<PreviewDataDir> preview;  // a preview's private data directory, removed at exit
  std::string command_line = "ecolobby";
  for (int i = 1; i < argc; ++i) command_line += std::string(" ") + argv[i];
  ctx.config = [&]() -> const Config& {
    if (!loaded) {
      loaded = load_config(config_path ? std::optional<std::filesystem::path>(*config_path) : std::nullopt);
      // Before anything opens the data directory: whose it is decides who runs (app/data_dir_access.h).
      CommandUse use = command_use(app, *loaded);
      if (use.command.empty() && is_preview(*loaded, run_options)) {
        preview.emplace(*loaded);
        use = {.command = "", .use = DataUse::None, .data_dir = loaded->data_dir};
      }
      claim_data_dir(use, *loaded, command_line);
      // Only what changes the screen's state writes the screen's log.
      setup_logging(use.use == DataUse::Writes ? use.data_dir / "logs" : std::filesystem::path(), verbose);
      for (const auto& w : loaded->warnings) spdlog::warn("{}", w);
      if (preview) spdlog::info("preview: the screen's state is left alone; data in {} until exit", preview->path().string());
    }
    return *loaded;
  };
  // After parsing, before any subcommand runs: one that uses the data directory claims it first,
  // also when it names one with --data-dir and needs nothing else of the configuration.
  app.parse_complete_callback([&] {
    if (data_use_of(selected_command(app)) != DataUse::None) ctx.config();
  });

  add_run_options(app, run_options);
  register_all_commands(app, ctx);

  try {
    app.parse(argc, argv);
    // No subcommand: run the screen.
    if (app.get_subcommands().empty()) {
      Config config = apply_run_options(ctx.config(), run_options);
      return run_kiosk(config, run_options, make_kiosk_hooks(config));
    }
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const ConfigError& e) {
    std::fprintf(stderr, "ecolobby: %s\n", e.what());
    return 2;
  } catch (const CommandError& e) {
    std::fprintf(stderr, "ecolobby: %s\n", e.what());
    return e.code;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ecolobby: %s\n", e.what());
    return 1;
  }
  return ctx.exit_code;
}
