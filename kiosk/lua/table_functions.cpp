#include "lua/table_functions.h"

#include <lua.hpp>

#include "lua/limits.h"

namespace eco::lua {
namespace {

// Element steps between two looks at the CPU clock: a clock read costs ~50 ns, a step ~20.
constexpr int kStepsPerCheck = 4096;

Budget* budget_upvalue(lua_State* L) { return static_cast<Budget*>(lua_touserdata(L, lua_upvalueindex(1))); }

// Every kStepsPerCheck element steps: raises the CPU limit once the deadline has passed.
struct Steps {
  lua_State* L;
  Budget* budget;
  int left = kStepsPerCheck;
  void step() {
    if (--left > 0) return;
    left = kStepsPerCheck;
    if (budget && budget->cpu_deadline_passed()) budget->raise_cpu_limit(L);
  }
};

enum Access { kRead = 1, kWrite = 2, kLength = 4 };

// A table, or something with the metamethods the access needs (ltablib.c's checktab).
void check_table(lua_State* L, int arg, int what) {
  if (lua_type(L, arg) == LUA_TTABLE) return;
  int n = 1;
  auto has = [&](const char* key) {
    lua_pushstring(L, key);
    ++n;
    return lua_rawget(L, -n) != LUA_TNIL;
  };
  if (lua_getmetatable(L, arg) && (!(what & kRead) || has("__index")) && (!(what & kWrite) || has("__newindex")) &&
      (!(what & kLength) || has("__len"))) {
    lua_pop(L, n);
    return;
  }
  luaL_checktype(L, arg, LUA_TTABLE);  // raises the usual "table expected"
}

lua_Integer length_of(lua_State* L, int arg, int what) {
  check_table(L, arg, what | kLength);
  return luaL_len(L, arg);
}

int table_insert(lua_State* L) {
  lua_Integer e = length_of(L, 1, kRead | kWrite);
  e = static_cast<lua_Integer>(static_cast<lua_Unsigned>(e) + 1u);  // the first empty slot
  lua_Integer pos = e;
  switch (lua_gettop(L)) {
    case 2:
      break;
    case 3: {
      pos = luaL_checkinteger(L, 2);
      luaL_argcheck(L, static_cast<lua_Unsigned>(pos) - 1u < static_cast<lua_Unsigned>(e), 2, "position out of bounds");
      Steps steps{L, budget_upvalue(L)};
      for (lua_Integer i = e; i > pos; --i) {
        steps.step();
        lua_geti(L, 1, i - 1);
        lua_seti(L, 1, i);
      }
      break;
    }
    default:
      return luaL_error(L, "wrong number of arguments to 'insert'");
  }
  lua_seti(L, 1, pos);
  return 0;
}

int table_remove(lua_State* L) {
  lua_Integer size = length_of(L, 1, kRead | kWrite);
  lua_Integer pos = luaL_optinteger(L, 2, size);
  if (pos != size)
    luaL_argcheck(L, static_cast<lua_Unsigned>(pos) - 1u <= static_cast<lua_Unsigned>(size), 2, "position out of bounds");
  lua_geti(L, 1, pos);
  Steps steps{L, budget_upvalue(L)};
  for (; pos < size; ++pos) {
    steps.step();
    lua_geti(L, 1, pos + 1);
    lua_seti(L, 1, pos);
  }
  lua_pushnil(L);
  lua_seti(L, 1, pos);
  return 1;
}

int table_move(lua_State* L) {
  lua_Integer f = luaL_checkinteger(L, 2);
  lua_Integer e = luaL_checkinteger(L, 3);
  lua_Integer t = luaL_checkinteger(L, 4);
  int tt = !lua_isnoneornil(L, 5) ? 5 : 1;
  check_table(L, 1, kRead);
  check_table(L, tt, kWrite);
  if (e >= f) {
    luaL_argcheck(L, f > 0 || e < LUA_MAXINTEGER + f, 3, "too many elements to move");
    lua_Integer n = e - f + 1;
    luaL_argcheck(L, t <= LUA_MAXINTEGER - n + 1, 4, "destination wrap around");
    Steps steps{L, budget_upvalue(L)};
    if (t > e || t <= f || (tt != 1 && !lua_compare(L, 1, tt, LUA_OPEQ))) {
      for (lua_Integer i = 0; i < n; ++i) {
        steps.step();
        lua_geti(L, 1, f + i);
        lua_seti(L, tt, t + i);
      }
    } else {
      for (lua_Integer i = n - 1; i >= 0; --i) {
        steps.step();
        lua_geti(L, 1, f + i);
        lua_seti(L, tt, t + i);
      }
    }
  }
  lua_pushvalue(L, tt);
  return 1;
}

}  // namespace

void install_table_functions(lua_State* L, Budget* budget) {
  lua_getglobal(L, LUA_TABLIBNAME);
  lua_pushlightuserdata(L, budget);
  const luaL_Reg fns[] = {{"insert", table_insert}, {"remove", table_remove}, {"move", table_move}, {nullptr, nullptr}};
  luaL_setfuncs(L, fns, 1);  // the Budget is every function's upvalue 1
  lua_pop(L, 1);
}

}  // namespace eco::lua
