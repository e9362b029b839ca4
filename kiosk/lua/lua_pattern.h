#pragma once
// EcoLobby's own implementation of Lua 5.4's pattern functions: string.find, string.match,
// string.gmatch and string.gsub (and so the methods s:find etc., which go through the same
// table). Same pattern language, results and error messages as lstrlib.c, but the matcher counts
// its steps and, every few thousand, asks the state's Budget whether the callback's CPU deadline
// has passed: a pathological pattern ("a*a*a*...b", ".-.-.-x", %b on a long subject) stops with
// the CPU limit error instead of freezing the screen, which the count hook alone cannot do for C
// code. Written as a C library would be (plain structs, luaL_Buffer): Lua errors longjmp.
#include <cstddef>

#include "lua/limits.h"

struct lua_State;

namespace eco::lua {

struct PatternLimits {
  Budget* budget = nullptr;  // null: no CPU check (states outside a plugin's callbacks)
  size_t max_subject = 0;    // bytes of a subject; 0: no cap
  size_t max_pattern = 0;    // bytes of a pattern; 0: no cap
  size_t max_result = 0;     // bytes of a gsub result; 0: no cap
};

// Replaces find, match, gmatch and gsub in the global `string` table (which must be open).
void install_pattern_functions(lua_State* L, const PatternLimits& limits);

}  // namespace eco::lua
