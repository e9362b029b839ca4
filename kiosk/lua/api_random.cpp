// random: one seeded source per plugin (the kiosk seed and the plugin id), so a headless run
// with the same --now shows the same quiz questions. math.random uses it too.
#include <algorithm>
#include <random>

#include <lua.hpp>

#include "lua/api.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

int r_int(lua_State* L) {
  lua_Integer a = luaL_checkinteger(L, 1), b = luaL_checkinteger(L, 2);
  if (b < a) return luaL_error(L, "random.int: the interval is empty");
  std::uniform_int_distribution<lua_Integer> d(a, b);
  lua_pushinteger(L, d(PluginRuntime::of(L).random()));
  return 1;
}

int r_float(lua_State* L) {
  std::uniform_real_distribution<double> d(0.0, 1.0);
  lua_pushnumber(L, d(PluginRuntime::of(L).random()));
  return 1;
}

// math.random semantics: () → [0,1), (m) → [1,m], (m, n) → [m,n]
int r_math(lua_State* L) {
  switch (lua_gettop(L)) {
    case 0: return r_float(L);
    case 1:
      lua_pushinteger(L, 1);
      lua_insert(L, 1);
      return r_int(L);
    default: return r_int(L);
  }
}

// random.shuffle(t): shuffles the array part in place and returns it.
int r_shuffle(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, 1));
  auto& rng = PluginRuntime::of(L).random();
  for (lua_Integer i = n; i > 1; --i) {
    lua_Integer j = std::uniform_int_distribution<lua_Integer>(1, i)(rng);
    lua_rawgeti(L, 1, i);
    lua_rawgeti(L, 1, j);
    lua_rawseti(L, 1, i);
    lua_rawseti(L, 1, j);
  }
  lua_settop(L, 1);
  return 1;
}

int r_choice(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, 1));
  if (n == 0) return 0;
  lua_rawgeti(L, 1, std::uniform_int_distribution<lua_Integer>(1, n)(PluginRuntime::of(L).random()));
  return 1;
}

}  // namespace

void open_random_api(lua_State* L) {
  const luaL_Reg fns[] = {{"int", r_int}, {"float", r_float}, {"shuffle", r_shuffle}, {"choice", r_choice}, {nullptr, nullptr}};
  luaL_newlib(L, fns);
  make_read_only(L, "random");
  lua_setglobal(L, "random");
  lua_getglobal(L, "math");
  lua_pushcfunction(L, r_math);
  lua_setfield(L, -2, "random");
  lua_pushnil(L);
  lua_setfield(L, -2, "randomseed");
  lua_pop(L, 1);
}

}  // namespace eco::lua
