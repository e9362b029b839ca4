#include "app/commands.h"

#include "app/check_command.h"
#include "app/kiosk_app.h"

namespace eco {

void register_all_commands(CLI::App& app, CommandContext& ctx) {
  register_check_command(app, ctx);
}

}  // namespace eco

namespace eco {

KioskHooks kiosk_hooks(CommandContext& /*ctx*/) {
  KioskHooks hooks;
  return hooks;
}

}  // namespace eco
