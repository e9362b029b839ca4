#include "app/commands.h"

#include "app/check_command.h"
#include "app/kiosk_app.h"
#include "scene/scene_checks.h"

namespace eco {

void register_all_commands(CLI::App& app, CommandContext& ctx) {
  register_check_command(app, ctx);
  register_scene_checks();
}

}  // namespace eco

namespace eco {

KioskHooks kiosk_hooks(CommandContext& /*ctx*/) {
  KioskHooks hooks;
  return hooks;
}

}  // namespace eco
