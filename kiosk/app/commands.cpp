#include "app/commands.h"

#include "app/check_command.h"
#include "app/kiosk_app.h"
#include "lua/plugin_catalog.h"
#include "lua/plugin_commands.h"
#include "lua/plugin_host.h"
#include "scene/scene_checks.h"

namespace eco {

void register_all_commands(CLI::App& app, CommandContext& ctx) {
  register_check_command(app, ctx);
  register_scene_checks();
  lua::register_plugin_checks();
  lua::register_plugin_commands(app, ctx);
}

}  // namespace eco

namespace eco {

KioskHooks kiosk_hooks(CommandContext& ctx) {
  KioskHooks hooks;
  auto host = std::make_shared<lua::PluginHost>(ctx.config());
  hooks.scene_factory = [host](const Clock& clock) { return host->scene_factory(clock); };
  return hooks;
}

}  // namespace eco
