#include "app/commands.h"

#include "app/check_command.h"
#include "app/config_checks.h"
#include "app/font_commands.h"
#include "app/gpu_command.h"
#include "app/man_page.h"
#include "app/plugin_run_command.h"
#include "app/session_command.h"
#include "lua/plugin_checks.h"
#include "lua/plugin_commands.h"
#include "data/data_checks.h"
#include "data/kpi_command.h"
#include "scene/question_bank_checks.h"
#include "scene/scene_checks.h"
#include "store/store_commands.h"
#include "update/bundle_commands.h"
#include "update/release_status_command.h"
#include "base/config_sections.h"

namespace eco {

void register_all_commands(CLI::App& app, CommandContext& ctx) {
  set_config_validator(require_valid_config);  // `bundle apply` refuses to install under a broken configuration
  register_check_command(app, ctx);
  register_font_commands(app, ctx);
  register_gpu_command(app);
  register_scene_checks();
  register_question_bank_checks();
  data::register_data_checks();
  data::register_kpi_command(app, ctx);
  lua::register_plugin_checks();
  register_plugin_run_command(*lua::register_plugin_commands(app, ctx), ctx);
  store::register_store_commands(app, ctx);
  update::register_bundle_commands(app, ctx);
  update::register_release_status_command(app, ctx);
  register_session_command(app, ctx);
  register_man_page_command(app);  // last: the page lists everything registered before it
}

}  // namespace eco
