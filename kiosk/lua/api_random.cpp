// random: one seeded source per plugin, shared by random.* and math.random. Its seed mixes the
// plugin id, the local date and the instant the kiosk clock started, so a headless run or a test
// under a fixed --now shows the same quiz questions, while a restarted screen or another day
// starts elsewhere. math.randomseed reseeds the plugin's own source (no other plugin shares it).
#include <algorithm>
#include <bit>
#include <random>

#include <lua.hpp>

#include "base/clock.h"
#include "lua/api.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

// splitmix64's finaliser: every input bit reaches every output bit.
uint64_t mix(uint64_t h, uint64_t v) {
  uint64_t z = h ^ (v + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2));
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

// A seed component as Lua 5.4 takes it: an integer, or a float (by its bits when not integral).
uint64_t seed_arg(lua_State* L, int i) {
  int is_integer = 0;
  lua_Integer n = lua_tointegerx(L, i, &is_integer);
  if (is_integer) return static_cast<uint64_t>(n);
  return std::bit_cast<uint64_t>(static_cast<double>(luaL_checknumber(L, i)));
}

// math.randomseed([x [, y]]): reseeds this plugin's source and returns the two components, so
// math.randomseed(a, b) with what it returned repeats the sequence. With no argument the new seed
// comes from the source itself: still reproducible under a fixed --now.
int r_randomseed(lua_State* L) {
  auto& rng = PluginRuntime::of(L).random();
  uint64_t a = 0, b = 0;
  if (lua_isnone(L, 1)) {
    a = rng();
    b = rng();
  } else {
    a = seed_arg(L, 1);
    b = lua_isnoneornil(L, 2) ? 0 : seed_arg(L, 2);
  }
  rng.seed(mix(mix(0x5eed, a), b));
  lua_pushinteger(L, static_cast<lua_Integer>(a));
  lua_pushinteger(L, static_cast<lua_Integer>(b));
  return 2;
}

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

// math.random semantics: () → [0,1), (0) → any integer, (m) → [1,m], (m, n) → [m,n]
int r_math(lua_State* L) {
  switch (lua_gettop(L)) {
    case 0: return r_float(L);
    case 1:
      if (luaL_checkinteger(L, 1) == 0) {
        lua_pushinteger(L, static_cast<lua_Integer>(PluginRuntime::of(L).random()()));
        return 1;
      }
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

uint64_t start_seed(uint64_t seed, const std::string& plugin_id, const Clock& clock) {
  uint64_t h = mix(0, seed);
  for (unsigned char c : plugin_id) h = mix(h, c);
  h = mix(h, static_cast<uint64_t>(clock.local_now().day_number()));
  return mix(h, static_cast<uint64_t>(clock.started().time_since_epoch().count()));
}

void open_random_api(lua_State* L) {
  set_read_only_global(L, "random",
                       {{"int", r_int}, {"float", r_float}, {"shuffle", r_shuffle}, {"choice", r_choice}});
  lua_getglobal(L, "math");
  lua_pushcfunction(L, r_math);
  lua_setfield(L, -2, "random");
  lua_pushcfunction(L, r_randomseed);
  lua_setfield(L, -2, "randomseed");
  lua_pop(L, 1);
}

}  // namespace eco::lua
