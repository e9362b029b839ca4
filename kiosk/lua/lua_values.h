#pragma once
// Conversions between Lua values and what the host uses: JSON, colours, option tables.
#include <cstdio>
#include <exception>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "render/painter.h"

struct lua_State;

namespace eco::lua {

void push_json(lua_State* L, const nlohmann::json& value, int depth = 0);
// A Lua table/value to JSON; throws std::invalid_argument for functions, cycles or depth > 16.
nlohmann::json to_json(lua_State* L, int index, int depth = 0);

// "#RRGGBB", "#RRGGBBAA", a theme name ("accent", "text", …) or {r, g, b, a}; raises a Lua error
// naming `what` otherwise.
Color check_color(lua_State* L, int index, const char* what);
Color opt_color_field(lua_State* L, int table, const char* field, Color fallback);
// A finite number, or a Lua error naming the argument ("ui.text: x must be a finite number").
float check_finite(lua_State* L, int index, const char* fn, const char* arg);
float opt_number_field(lua_State* L, int table, const char* field, float fallback);
std::string opt_string_field(lua_State* L, int table, const char* field, const std::string& fallback);
bool opt_bool_field(lua_State* L, int table, const char* field, bool fallback);

// Runs `f` (which talks to a C++ service) and turns a C++ exception into a Lua error prefixed with
// `fn`: exceptions must never unwind through Lua's C frames.
int raise_error(lua_State* L, const char* message);

template <typename F>
int call_service(lua_State* L, const char* fn, F&& f) {
  char message[512] = {0};
  try {
    return f();
  } catch (const std::exception& e) {
    std::snprintf(message, sizeof message, "%s: %s", fn, e.what());
  }
  return raise_error(L, message);
}
}  // namespace eco::lua
