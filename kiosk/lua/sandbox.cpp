#include "lua/sandbox.h"

#include <algorithm>
#include <cstring>
#include <span>

#include <lua.hpp>

#include "base/utf8.h"

#include "lua/lua_pattern.h"
#include "lua/table_functions.h"
#include "lua/lua_values.h"

namespace eco::lua {
namespace {

constexpr const char* kLockedTag = "EcoLobby API (read-only)";

// table.name = nil (table "_G": a global).
void remove(lua_State* L, const char* table, const char* name) {
  lua_getglobal(L, table);
  lua_pushnil(L);
  lua_setfield(L, -2, name);
  lua_pop(L, 1);
}

// Replaces table.name (table "_G": a global) with fn, giving fn the original as upvalue 1.
void wrap(lua_State* L, const char* table, const char* name, lua_CFunction fn) {
  lua_getglobal(L, table);
  lua_getfield(L, -1, name);
  lua_pushcclosure(L, fn, 1);
  lua_setfield(L, -2, name);
  lua_pop(L, 1);
}

int rethrow_if_limited(lua_State* L) {
  if (budget_of(L).hit() != LimitHit::None) return lua_error(L);  // error object is on top
  return 0;
}

int sandbox_pcall(lua_State* L) {
  luaL_checkany(L, 1);
  int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
  if (status != LUA_OK) rethrow_if_limited(L);
  lua_pushboolean(L, status == LUA_OK);
  lua_insert(L, 1);
  return lua_gettop(L);
}

int sandbox_xpcall(lua_State* L) {
  int n = lua_gettop(L);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_pushvalue(L, 1);
  lua_pushvalue(L, 2);
  lua_replace(L, 1);  // 1 = handler
  lua_replace(L, 2);  // 2 = function
  int status = lua_pcall(L, n - 2, LUA_MULTRET, 1);
  if (status != LUA_OK) rethrow_if_limited(L);
  lua_pushboolean(L, status == LUA_OK);
  lua_replace(L, 1);
  return lua_gettop(L);
}

int sandbox_resume(lua_State* L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  if (budget_of(L).hit() != LimitHit::None && lua_isboolean(L, 1) && !lua_toboolean(L, 1)) {
    lua_pushvalue(L, 2);
    return lua_error(L);
  }
  return lua_gettop(L);
}

int sandbox_load(lua_State* L) {
  size_t len = 0;
  const char* chunk = lua_tolstring(L, 1, &len);
  if (!chunk) return luaL_error(L, "load: only text chunks (strings) are allowed");
  const char* name = luaL_optstring(L, 2, "=(load)");
  luaL_checktype(L, 4, LUA_TTABLE);  // an explicit environment: no access to the plugin's globals by accident
  if (luaL_loadbufferx(L, chunk, len, name, "t") != LUA_OK) {
    luaL_pushfail(L);
    lua_insert(L, -2);
    return 2;
  }
  lua_pushvalue(L, 4);
  lua_setupvalue(L, -2, 1);
  return 1;
}

int sandbox_collectgarbage(lua_State* L) {
  const char* opt = luaL_optstring(L, 1, "count");
  if (std::strcmp(opt, "count") != 0) return luaL_error(L, "collectgarbage: only \"count\" is allowed");
  lua_pushnumber(L, lua_gc(L, LUA_GCCOUNT, 0) + lua_gc(L, LUA_GCCOUNTB, 0) / 1024.0);
  return 1;
}

int sandbox_print(lua_State* L) {
  log_plugin_text(L, '\t', LogLevel::Info);  // tab-separated, as Lua's own print
  return 0;
}

// Finalizers run outside every budget (Lua turns hooks off while they run, in lua_close and in
// any GC step), so a plugin may not have them: a metatable with a __gc field is refused. A __gc
// added to the metatable later does not mark the object for finalization (Lua 5.4 checks at
// setmetatable only), and setmetatable is the only way plugin code can set a metatable.
int sandbox_setmetatable(lua_State* L) {
  if (lua_type(L, 2) == LUA_TTABLE) {
    lua_pushliteral(L, "__gc");
    if (lua_rawget(L, 2) != LUA_TNIL) return luaL_error(L, "setmetatable: __gc metamethods are not allowed in plugins");
    lua_pop(L, 1);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

int sandbox_rawset(lua_State* L) {
  if (is_read_only(L, 1)) return luaL_error(L, "rawset: this table is read-only");
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  luaL_checkany(L, 3);
  lua_settop(L, 3);
  lua_rawset(L, 1);
  return 1;
}

int sandbox_rep(lua_State* L) {
  size_t len = 0;
  luaL_checklstring(L, 1, &len);
  lua_Integer n = luaL_checkinteger(L, 2);
  size_t sep = 0;
  if (!lua_isnoneornil(L, 3)) luaL_checklstring(L, 3, &sep);
  if (n > 0 && static_cast<double>(len + sep) * static_cast<double>(n) > kMaxStringResult)
    return luaL_error(L, "string.rep: result over %d MB", static_cast<int>(kMaxStringResult >> 20));
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

int sandbox_format(lua_State* L) {
  int n = lua_gettop(L);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, n, 1);
  if (lua_rawlen(L, -1) > kMaxStringResult)
    return luaL_error(L, "string.format: result over %d MB", static_cast<int>(kMaxStringResult >> 20));
  return 1;
}

int read_only_newindex(lua_State* L) {
  return luaL_error(L, "cannot assign '%s': this table is read-only", luaL_tolstring(L, 2, nullptr));
}

int read_only_pairs(lua_State* L) {
  lua_getmetatable(L, 1);
  lua_getfield(L, -1, "__index");
  lua_getglobal(L, "next");
  lua_insert(L, -2);
  lua_pushnil(L);
  return 3;
}

// `#proxy` is the length of the table behind it (kiosk.departments, read-only lists).
int read_only_len(lua_State* L) {
  lua_getmetatable(L, 1);
  lua_getfield(L, -1, "__index");
  lua_pushinteger(L, static_cast<lua_Integer>(lua_rawlen(L, -1)));
  return 1;
}

}  // namespace

void StateCloser::operator()(lua_State* L) const { lua_close(L); }

void set_read_only_global(lua_State* L, const char* name, std::initializer_list<luaL_Reg> fns) {
  lua_createtable(L, 0, static_cast<int>(fns.size()));  // sized as luaL_newlib sizes it
  for (const luaL_Reg& f : fns) {
    lua_pushcfunction(L, f.func);
    lua_setfield(L, -2, f.name);
  }
  make_read_only(L, name);
  lua_setglobal(L, name);
}

bool is_read_only(lua_State* L, int index) {
  if (!lua_getmetatable(L, index)) return false;
  lua_getfield(L, -1, "__metatable");
  bool locked = lua_type(L, -1) == LUA_TSTRING && std::strcmp(lua_tostring(L, -1), kLockedTag) == 0;
  lua_pop(L, 2);
  return locked;
}

void make_read_only(lua_State* L, const char* name) {
  int real = lua_gettop(L);
  lua_newtable(L);  // the proxy
  lua_newtable(L);  // its metatable
  lua_pushvalue(L, real);
  lua_setfield(L, -2, "__index");
  const luaL_Reg guards[] = {
      {"__newindex", read_only_newindex}, {"__pairs", read_only_pairs}, {"__len", read_only_len}, {nullptr, nullptr}};
  luaL_setfuncs(L, guards, 0);
  lua_pushstring(L, kLockedTag);
  lua_setfield(L, -2, "__metatable");
  lua_pushstring(L, name);
  lua_setfield(L, -2, "__name");
  lua_setmetatable(L, -2);
  lua_replace(L, real);
}

namespace {

// What plugins do not get, and why: whole libraries (function nullptr), which open_sandbox does
// not open, and functions of the libraries it opens, which it removes. Everything else in those
// libraries is allowed, some of it through the wrappers above.
constexpr Omission kOmitted[] = {
    {LUA_IOLIBNAME, nullptr, "files and processes; plugins read their own files through content.read and ui.image"},
    {LUA_OSLIBNAME, nullptr, "files, processes, environment and exit; the clock API gives os.time/date/clock on the kiosk clock"},
    {LUA_LOADLIBNAME, nullptr, "loads Lua files and C libraries from disk"},
    {LUA_DBLIBNAME, nullptr, "reaches past every guard here: upvalues, hidden metatables, the CPU hook"},
    {LUA_GNAME, "dofile", "runs a file; a plugin's code is its main.lua"},
    {LUA_GNAME, "loadfile", "reads a file; a plugin's code is its main.lua"},
    {LUA_GNAME, "require", "loads modules from disk (package is not opened)"},
    {LUA_GNAME, "module", "Lua 5.1's require companion, should a compatibility build define it"},
    {LUA_STRLIBNAME, "dump", "makes bytecode, which load refuses: Lua does not check bytecode and bad bytecode crashes it"},
};

}  // namespace

std::span<const Omission> sandbox_omissions() { return kOmitted; }

namespace {

// Opening the libraries allocates, and a small memory cap makes that fail: it runs inside the
// protected call of new_sandboxed_state, never where a Lua error would be a panic.
int open_sandbox(lua_State* L) {
  [[maybe_unused]] Budget& budget = budget_of(L);

  const luaL_Reg libs[] = {{LUA_GNAME, luaopen_base},        {LUA_STRLIBNAME, luaopen_string},
                           {LUA_TABLIBNAME, luaopen_table},  {LUA_MATHLIBNAME, luaopen_math},
                           {LUA_UTF8LIBNAME, luaopen_utf8},  {LUA_COLIBNAME, luaopen_coroutine}};
  for (const auto& lib : libs) {
    luaL_requiref(L, lib.name, lib.func, 1);
    lua_pop(L, 1);
  }
  for (const auto& omitted : kOmitted)
    if (omitted.function) remove(L, omitted.library, omitted.function);  // whole libraries are never opened
  lua_register(L, "load", sandbox_load);
  lua_register(L, "collectgarbage", sandbox_collectgarbage);
  lua_register(L, "print", sandbox_print);
  lua_register(L, "pcall", sandbox_pcall);
  lua_register(L, "xpcall", sandbox_xpcall);
  lua_register(L, "rawset", sandbox_rawset);
  wrap(L, LUA_GNAME, "setmetatable", sandbox_setmetatable);
  wrap(L, "coroutine", "resume", sandbox_resume);
  wrap(L, "string", "rep", sandbox_rep);
  wrap(L, "string", "format", sandbox_format);
  // EcoLobby's own find/match/gmatch/gsub (lua/lua_pattern.cpp): they stop at the CPU budget,
  // which the count hook cannot do for C code, and keep the size caps.
  install_pattern_functions(L, PatternLimits{&budget, kMaxPatternSubject, kMaxPattern, kMaxStringResult});
  // And table.insert/remove/move (lua/table_functions.cpp), whose loops run in C for as long as
  // the plugin's range or __len says.
  install_table_functions(L, &budget);

  // Strings share one metatable; hide it so getmetatable("").__index cannot be poisoned.
  lua_pushliteral(L, "");
  lua_getmetatable(L, -1);
  lua_pushliteral(L, "protected");
  lua_setfield(L, -2, "__metatable");
  lua_pop(L, 2);
  return 0;
}

}  // namespace

StatePtr new_sandboxed_state(Budget& budget) {
  StatePtr state(lua_newstate(&Budget::allocate, &budget));
  if (!state) return state;
  lua_State* L = state.get();
  Budget* b = &budget;
  std::memcpy(lua_getextraspace(L), &b, sizeof b);
  lua_pushcfunction(L, open_sandbox);
  if (lua_pcall(L, 0, 0, 0) != LUA_OK) return nullptr;  // out of memory: closed again
  return state;
}

}  // namespace eco::lua
