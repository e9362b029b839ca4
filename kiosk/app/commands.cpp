#include "app/commands.h"

#include "app/check_command.h"

namespace eco {

void register_all_commands(CLI::App& app, CommandContext& ctx) {
  register_check_command(app, ctx);
}

}  // namespace eco
