// Pattern functions: EcoLobby's (kiosk/lua/lua_pattern.cpp, with the sandbox's caps and a CPU
// budget armed, as in a plugin callback) against Lua's own, on the patterns plugins use. Both
// states run the same Lua loop under the same count hook; figures are ns per call, best of 5.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>

#include <lua.hpp>

#include "lua/limits.h"
#include "lua/lua_pattern.h"
#include "lua/sandbox.h"

using namespace eco::lua;

namespace {

struct Case {
  const char* name;
  const char* setup;  // defines `s` (and `t`)
  const char* body;   // one call, repeated
};

const Case kCases[] = {
    {"find %d+", "s = 'Room 101, floor 3'", "find(s, '%d+')"},
    {"match ^%s*(.-)%s*$", "s = '   Hello, world of lobbies   '", "match(s, '^%s*(.-)%s*$')"},
    {"gsub {(%w+)} table", "s = 'Hello {name}, welcome to {place} on {day}!' t = {name = 'Li', place = 'B2', day = 'Mon'}",
     "gsub(s, '{(%w+)}', t)"},
    {"gsub {name} string", "s = 'Hello {name}, welcome to {place}!'", "gsub(s, '{name}', 'Li')"},
    {"gmatch %a+ (12 words)", "s = 'the quick brown fox jumps over the lazy dog and saves energy'",
     "for w in gmatch(s, '%a+') do end"},
    {"gsub %s+ on 2 KB", "s = ('energy saving  tip\\t'):rep(100)", "gsub(s, '%s+', ' ')"},
    {"find plain in 4 KB", "s = ('abcdefgh'):rep(512) .. 'needle'", "find(s, 'needle', 1, true)"},
    {"match %d+%.%d+ number", "s = 'kWh today: 1234.56 (target 1300.00)'", "match(s, '(%d+)%.(%d+)')"},
};

lua_State* make_state(Budget& budget, bool ours) {
  lua_State* L = luaL_newstate();
  luaL_openlibs(L);
  Budget* b = &budget;
  std::memcpy(lua_getextraspace(L), &b, sizeof b);  // for the count hook, as in the sandbox
  if (ours) install_pattern_functions(L, PatternLimits{&budget, kMaxPatternSubject, kMaxPattern, kMaxStringResult});
  luaL_dostring(L, "find, match, gmatch, gsub = string.find, string.match, string.gmatch, string.gsub");
  return L;
}

double ns_per_call(lua_State* L, Budget& budget, const Case& c, int n) {
  char code[1024];
  std::snprintf(code, sizeof code, "%s\nreturn function() for i = 1, %d do %s end end", c.setup, n, c.body);
  if (luaL_dostring(L, code) != LUA_OK) {
    std::printf("%s: %s\n", c.name, lua_tostring(L, -1));
    return 0;
  }
  double best = 1e30;
  for (int round = 0; round < 5; ++round) {
    lua_pushvalue(L, -1);
    budget.start_callback(L, std::chrono::seconds(60));
    auto t0 = std::chrono::steady_clock::now();
    if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
      std::printf("%s: %s\n", c.name, lua_tostring(L, -1));
      lua_pop(L, 1);
    }
    double ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - t0).count();
    budget.end_callback(L);
    best = std::min(best, ns / n);
  }
  lua_pop(L, 1);
  return best;
}

}  // namespace

int main() {
  Budget native_budget(256u << 20), our_budget(256u << 20);
  lua_State* native = make_state(native_budget, false);
  lua_State* ours = make_state(our_budget, true);
  std::printf("%-26s %12s %12s %7s\n", "pattern", "Lua ns/call", "ours ns/call", "ratio");
  for (const Case& c : kCases) {
    int n = std::strstr(c.name, "KB") ? 5000 : 200000;
    double a = ns_per_call(native, native_budget, c, n);
    double b = ns_per_call(ours, our_budget, c, n);
    std::printf("%-26s %12.1f %12.1f %7.2f\n", c.name, a, b, a > 0 ? b / a : 0.0);
  }
  lua_close(native);
  lua_close(ours);
}
