#include "app/font_commands.h"

#include <cstdio>

#include "app/screen_fonts.h"
#include "update/release_store.h"

namespace eco {

void register_font_commands(CLI::App& app, CommandContext& ctx) {
  auto* cmd = app.add_subcommand("bake-fonts",
                                 "Bake the screen's fonts for the current content into the data directory, so that "
                                 "the next start does not wait for it (the package runs this before each restart)");
  cmd->callback([&ctx] {
    const Config& config = ctx.config();
    // The content the screen will show: the installed release if there is one, as at start.
    std::filesystem::path content = update::ReleaseStore(config.data_dir).current_dir().value_or(config.content_dir);
    try {
      std::printf("%s\n", bake_screen_fonts(config, content).c_str());
    } catch (const std::exception& e) {
      throw CommandError(std::string("bake-fonts: ") + e.what());
    }
  });
}

}  // namespace eco
