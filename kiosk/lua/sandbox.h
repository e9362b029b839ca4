#pragma once
// A fresh lua_State that holds only what plugins may use, set up before any plugin code runs
// (never luaL_openlibs). Allowed: base functions without dofile/loadfile, collectgarbage only
// for "count", load only for text chunks with an explicit environment, print routed to the log;
// string without dump, with size caps on rep and pattern functions and a protected metatable;
// table, math, utf8, coroutine. No io, os (a clock/date wrapper comes from the clock API),
// package, require or debug. pcall/xpcall/coroutine.resume rethrow limit errors.
#include <initializer_list>
#include <memory>
#include <span>
#include <string>

#include "lua/limits.h"

struct lua_State;
struct luaL_Reg;

namespace eco::lua {

struct StateCloser {
  void operator()(lua_State* L) const;
};
using StatePtr = std::unique_ptr<lua_State, StateCloser>;

constexpr size_t kMaxStringResult = 4u << 20;   // string.rep, gsub results
constexpr size_t kMaxPatternSubject = 256u << 10;  // find/match/gmatch/gsub subjects
constexpr size_t kMaxPattern = 512;

// A library, or a function of one, that plugins do not get, with the reason (sandbox.cpp).
struct Omission {
  const char* library;   // LUA_GNAME ("_G") for base functions
  const char* function;  // nullptr: the whole library
  const char* reason;
};
std::span<const Omission> sandbox_omissions();

// Creates the sandboxed state; `budget` must outlive it.
StatePtr new_sandboxed_state(Budget& budget);

// Wraps `table` (on top of the stack) in a read-only proxy: assignments, setmetatable and
// rawset on it fail with a clear error. Leaves the proxy on the stack.
void make_read_only(lua_State* L, const char* name);
// Sets the global `name` to a read-only table of `fns`: how an API table that holds only
// functions is installed.
void set_read_only_global(lua_State* L, const char* name, std::initializer_list<luaL_Reg> fns);
bool is_read_only(lua_State* L, int index);

}  // namespace eco::lua
