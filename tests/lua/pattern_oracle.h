#pragma once
// Differential harness for EcoLobby's pattern functions (kiosk/lua/lua_pattern.cpp): the same
// driver chunk runs a call in a plain state with Lua's own string library and in one where
// find/match/gmatch/gsub were replaced by ours, and renders everything observable (returned
// values with their types, every gmatch step, gsub's string and count, error messages) as one
// line of text, so two results are compared with ==. Used by tests/lua/lua_pattern_test.cpp and
// by the fuzz target tests/fuzz/lua_pattern_fuzz.cpp.
#include <cstdint>
#include <string>

#include <lua.hpp>

#include "lua/lua_pattern.h"

namespace eco::lua::oracle {

// run(fn, s, p, x, y, repl): fn is "find", "match", "gmatch" or "gsub"; x and y are the third and
// fourth arguments (init and plain, init, or the replacement and n); for gsub, repl > 0 picks a
// table or function replacement instead of x.
inline constexpr const char* kDriver = R"lua(
local F, M, G, S = string.find, string.match, string.gmatch, string.gsub
local fmt, concat, pack, unpack, select = string.format, table.concat, table.pack, table.unpack, select
local function show(v)
  if type(v) == "string" then return fmt("%q", v) end
  return type(v) .. ":" .. tostring(v)
end
local function render(t)
  local out = {}
  for i = 1, t.n do out[i] = show(t[i]) end
  return concat(out, ",")
end
local calls = 0
local replacements = {
  { a = "<A>", b = false, ab = 42, [""] = "<empty>", ["a)"] = true, [1] = "<1>", [3] = "<3>", aa = "%1" },
  function(...)  -- every capture, joined
    local out = {}
    for i = 1, select("#", ...) do out[i] = tostring((select(i, ...))) end
    return "{" .. concat(out, "|") .. "}"
  end,
  function(c, ...)  -- keeps some matches (nil, false), replaces others (number, string)
    calls = calls + 1
    if calls % 4 == 0 then return nil elseif calls % 4 == 1 then return false
    elseif calls % 4 == 2 then return calls else return tostring(c) .. "!" end
  end,
  function(c) if c == "b" or c == 2 then return {} end return "." end,  -- an invalid value
  function(...) return select("#", ...) end,
}
function run(fn, s, p, x, y, repl)
  calls = 0
  if fn == "find" then return render(pack(pcall(F, s, p, x, y))) end
  if fn == "match" then return render(pack(pcall(M, s, p, x))) end
  if fn == "gsub" then
    local r = x
    if repl and repl > 0 then r = replacements[repl] end
    return render(pack(pcall(S, s, p, r, y)))
  end
  local ok, it = pcall(G, s, p, x)
  if not ok then return "error " .. show(it) end
  local steps = {}
  for i = 1, 64 do
    local r = pack(pcall(it))
    steps[i] = render(r)
    if not r[1] or r.n < 2 then break end
  end
  return concat(steps, " ; ")
end
)lua";

// A plain state (luaL_openlibs); with `ours`, find/match/gmatch/gsub are EcoLobby's, uncapped.
inline lua_State* new_state(bool ours) {
  lua_State* L = luaL_newstate();
  luaL_openlibs(L);
  if (ours) install_pattern_functions(L, PatternLimits{});
  if (luaL_dostring(L, kDriver) != LUA_OK) {
    lua_close(L);
    return nullptr;
  }
  return L;
}

// One argument of a call: absent, an integer, a boolean or a string.
struct Arg {
  enum Kind { None, Int, Bool, Str } kind = None;
  int64_t i = 0;
  std::string s;
  static Arg none() { return {}; }
  static Arg integer(int64_t v) { return {Int, v, {}}; }
  static Arg boolean(bool v) { return {Bool, v ? 1 : 0, {}}; }
  static Arg str(std::string v) { return {Str, 0, std::move(v)}; }
};

struct Call {
  std::string fn, s, p;
  Arg x, y;
  int repl = 0;  // gsub only: 1..5 picks a table or function replacement
};

inline void push(lua_State* L, const Arg& a) {
  switch (a.kind) {
    case Arg::None: lua_pushnil(L); break;
    case Arg::Int: lua_pushinteger(L, a.i); break;
    case Arg::Bool: lua_pushboolean(L, a.i != 0); break;
    case Arg::Str: lua_pushlstring(L, a.s.data(), a.s.size()); break;
  }
}

// The rendered outcome of the call in state L.
inline std::string run(lua_State* L, const Call& c) {
  lua_getglobal(L, "run");
  lua_pushstring(L, c.fn.c_str());
  lua_pushlstring(L, c.s.data(), c.s.size());
  lua_pushlstring(L, c.p.data(), c.p.size());
  push(L, c.x);
  push(L, c.y);
  lua_pushinteger(L, c.repl);
  std::string out;
  if (lua_pcall(L, 6, 1, 0) != LUA_OK) out = "driver error: ";
  size_t len = 0;
  const char* text = lua_tolstring(L, -1, &len);
  if (text) out.append(text, len);
  lua_pop(L, 1);
  lua_gc(L, LUA_GCSTEP, 0);
  return out;
}

// Printable form of a call, for failure messages.
inline std::string describe(const Call& c) {
  auto quote = [](const std::string& v) {
    std::string q = "\"";
    for (unsigned char ch : v) {
      if (ch == '"' || ch == '\\') q += '\\', q += static_cast<char>(ch);
      else if (ch < 32 || ch > 126) q += "\\" + std::to_string(ch);
      else q += static_cast<char>(ch);
    }
    return q + "\"";
  };
  auto arg = [&](const Arg& a) -> std::string {
    switch (a.kind) {
      case Arg::None: return "nil";
      case Arg::Int: return std::to_string(a.i);
      case Arg::Bool: return a.i ? "true" : "false";
      case Arg::Str: return quote(a.s);
    }
    return "?";
  };
  std::string r = "string." + c.fn + "(" + quote(c.s) + ", " + quote(c.p) + ", " + arg(c.x) + ", " + arg(c.y) + ")";
  if (c.repl) r += " with replacement #" + std::to_string(c.repl);
  return r;
}

}  // namespace eco::lua::oracle
