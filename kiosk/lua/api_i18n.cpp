// i18n: the plugin's own strings from locale/zh-CN.toml and locale/en.toml.
// i18n.t("quiz.score", {score = 4}) → "得分 4"; i18n.language → "zh-CN".
#include <lua.hpp>

#include "lua/api.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

int i18n_t(lua_State* L) {
  std::string key = luaL_checkstring(L, 1);
  std::vector<std::pair<std::string, std::string>> args;
  if (lua_istable(L, 2)) {
    lua_pushnil(L);
    while (lua_next(L, 2)) {
      if (lua_type(L, -2) == LUA_TSTRING) {
        std::string name = lua_tostring(L, -2);
        args.emplace_back(name, luaL_tolstring(L, -1, nullptr));
        lua_pop(L, 1);
      }
      lua_pop(L, 1);
    }
  }
  std::string text = PluginRuntime::of(L).locale().t(key, args);
  lua_pushlstring(L, text.data(), text.size());
  return 1;
}

}  // namespace

void open_i18n_api(lua_State* L) {
  const luaL_Reg fns[] = {{"t", i18n_t}, {nullptr, nullptr}};
  luaL_newlib(L, fns);
  lua_pushstring(L, PluginRuntime::of(L).options().language.c_str());
  lua_setfield(L, -2, "language");
  make_read_only(L, "i18n");
  lua_setglobal(L, "i18n");
}

}  // namespace eco::lua
