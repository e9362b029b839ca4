// log: plugin messages in the kiosk log, prefixed with the plugin id and cut to one line.
#include <lua.hpp>

#include "lua/api.h"
#include "lua/lua_values.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

int log_info(lua_State* L) {
  log_plugin_text(L, ' ', LogLevel::Info);
  return 0;
}

int log_warn(lua_State* L) {
  log_plugin_text(L, ' ', LogLevel::Warning);
  return 0;
}

}  // namespace

void open_log_api(lua_State* L) {
  set_read_only_global(L, "log", {{"info", log_info}, {"warn", log_warn}});
}

}  // namespace eco::lua
