// log: plugin messages in the kiosk log, prefixed with the plugin id and cut to one line.
#include <lua.hpp>
#include <spdlog/spdlog.h>

#include "lua/api.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

std::string message(lua_State* L) {
  std::string out;
  for (int i = 1; i <= lua_gettop(L) && out.size() < 1000; ++i) {
    if (i > 1) out += ' ';
    out += luaL_tolstring(L, i, nullptr);
    lua_pop(L, 1);
  }
  for (char& c : out)
    if (c == '\n' || c == '\r') c = ' ';
  return out.substr(0, 1000);
}

int log_info(lua_State* L) {
  std::string m = message(L);
  spdlog::info("plugin {}: {}", PluginRuntime::of(L).manifest().id, m);
  return 0;
}

int log_warn(lua_State* L) {
  std::string m = message(L);
  spdlog::warn("plugin {}: {}", PluginRuntime::of(L).manifest().id, m);
  return 0;
}

}  // namespace

void open_log_api(lua_State* L) {
  const luaL_Reg fns[] = {{"info", log_info}, {"warn", log_warn}, {nullptr, nullptr}};
  luaL_newlib(L, fns);
  make_read_only(L, "log");
  lua_setglobal(L, "log");
}

}  // namespace eco::lua
