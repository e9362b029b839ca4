#include "lua/option_checks.h"

#include <cmath>
#include <cstdio>
#include <cstring>

#include <lua.hpp>

#include "lua/lua_values.h"

namespace eco::lua {

namespace {

const char* kind_name(OptionKind kind) {
  switch (kind) {
    case OptionKind::Number: return "a number";
    case OptionKind::Integer: return "an integer";
    case OptionKind::String: return "a string";
    case OptionKind::Boolean: return "true or false";
    case OptionKind::Color: return "a colour (\"#5CD68A\", a theme name or {r, g, b, a})";
    case OptionKind::Table: return "a table";
    case OptionKind::Enum: return "one of";
  }
  return "?";
}

// The accepted keys, "size, color, bold", into a fixed buffer (no C++ object may live across the
// luaL_error that follows: it longjmps).
void list_keys(const OptionSpec* specs, char* out, size_t cap) {
  out[0] = '\0';
  for (const OptionSpec* s = specs; s->key; ++s) {
    if (s != specs) std::strncat(out, ", ", cap - std::strlen(out) - 1);
    std::strncat(out, s->key, cap - std::strlen(out) - 1);
  }
}

void list_names(const char* const* names, char* out, size_t cap) {
  out[0] = '\0';
  for (int i = 0; names[i]; ++i) {
    if (i) std::strncat(out, ", ", cap - std::strlen(out) - 1);
    std::strncat(out, names[i], cap - std::strlen(out) - 1);
  }
}

bool value_fits(lua_State* L, int value, const OptionSpec& spec, const char* fn) {
  const int type = lua_type(L, value);
  switch (spec.kind) {
    case OptionKind::Number:
      return type == LUA_TNUMBER && std::isfinite(lua_tonumber(L, value));
    case OptionKind::Integer: {
      if (type != LUA_TNUMBER) return false;
      int is_integer = 0;
      lua_tointegerx(L, value, &is_integer);
      return is_integer != 0;
    }
    case OptionKind::String: return type == LUA_TSTRING;
    case OptionKind::Boolean: return type == LUA_TBOOLEAN;
    case OptionKind::Table: return type == LUA_TTABLE;
    case OptionKind::Color:
      if (type == LUA_TTABLE) return true;  // components are checked where the colour is read
      if (type != LUA_TSTRING) return false;
      {
        char what[160];
        std::snprintf(what, sizeof what, "%s: option '%s'", fn, spec.key);
        check_color(L, value, what);  // raises for an unknown name or a malformed "#…"
      }
      return true;
    case OptionKind::Enum:
      if (type != LUA_TSTRING) return false;
      for (int i = 0; spec.names[i]; ++i)
        if (std::strcmp(spec.names[i], lua_tostring(L, value)) == 0) return true;
      return false;
  }
  return false;
}

}  // namespace

void check_options(lua_State* L, int index, const char* fn, const OptionSpec* specs) {
  index = lua_absindex(L, index);
  const int type = lua_type(L, index);
  if (type == LUA_TNONE || type == LUA_TNIL) return;
  if (type != LUA_TTABLE) luaL_error(L, "%s: options must be a table like {size = 40}, got %s", fn, lua_typename(L, type));
  luaL_checkstack(L, 3, "options");
  lua_pushnil(L);
  while (lua_next(L, index) != 0) {
    const int value = lua_gettop(L);
    const OptionSpec* spec = nullptr;
    if (lua_type(L, value - 1) == LUA_TSTRING) {
      const char* key = lua_tostring(L, value - 1);
      for (const OptionSpec* s = specs; s->key && !spec; ++s)
        if (std::strcmp(s->key, key) == 0) spec = s;
    }
    if (!spec) {
      char known[512];
      list_keys(specs, known, sizeof known);
      if (lua_type(L, value - 1) == LUA_TSTRING)
        luaL_error(L, "%s: unknown option '%s' (options: %s)", fn, lua_tostring(L, value - 1), known);
      luaL_error(L, "%s: option keys must be names like size = 40 (options: %s)", fn, known);
    }
    if (!value_fits(L, value, *spec, fn)) {
      if (spec->kind == OptionKind::Enum) {
        char names[512];
        list_names(spec->names, names, sizeof names);
        luaL_error(L, "%s: option '%s' must be one of %s, got %s", fn, spec->key, names,
                   lua_type(L, value) == LUA_TSTRING ? lua_tostring(L, value) : luaL_typename(L, value));
      }
      luaL_error(L, "%s: option '%s' must be %s, got %s", fn, spec->key, kind_name(spec->kind),
                 luaL_typename(L, value));
    }
    lua_pop(L, 1);
  }
}

}  // namespace eco::lua
