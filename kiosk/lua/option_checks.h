#pragma once
// Option tables of API calls ({size = 40, color = "accent"}) are checked before they are read:
// an unknown key ({colour = …}, {bogus = 1}), a value of the wrong type ({size = "big"}), an enum
// value not in its list, or options that are not a table at all (ui.button(id, x, y, w, h, "开始"))
// are Lua errors naming the function and the key. luaL_error positions them at the plugin's line
// that made the call, so the officer reads "main.lua:42: ui.text: unknown option 'colour' …".
// The opt_*_field readers (lua/lua_values.h) stay lenient: they read what was checked here.
struct lua_State;

namespace eco::lua {

enum class OptionKind { Number, Integer, String, Boolean, Color, Table, Enum };

struct OptionSpec {
  const char* key;
  OptionKind kind;
  const char* const* names = nullptr;  // Enum: nullptr-terminated list of accepted strings
};

// Checks the options argument at `index` against `specs` (terminated by {nullptr, …}). Absent or
// nil is accepted (no options). Raises a Lua error otherwise; returns normally when all is well.
void check_options(lua_State* L, int index, const char* fn, const OptionSpec* specs);

}  // namespace eco::lua
