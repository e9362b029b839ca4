#include "lua/lua_values.h"

#include <cmath>
#include <cstring>

#include <lua.hpp>

#include "render/color.h"
#include "render/theme.h"

namespace eco::lua {

int raise_error(lua_State* L, const char* message) { return luaL_error(L, "%s", message); }

void push_json(lua_State* L, const nlohmann::json& v, int depth) {
  luaL_checkstack(L, 4, "json");
  if (depth > 32) {
    lua_pushnil(L);
  } else if (v.is_object()) {
    lua_createtable(L, 0, static_cast<int>(v.size()));
    for (const auto& [k, item] : v.items()) {
      push_json(L, item, depth + 1);
      lua_setfield(L, -2, k.c_str());
    }
  } else if (v.is_array()) {
    lua_createtable(L, static_cast<int>(v.size()), 0);
    lua_Integer i = 1;
    for (const auto& item : v) {
      push_json(L, item, depth + 1);
      lua_rawseti(L, -2, i++);
    }
  } else if (v.is_string()) {
    const auto& s = v.get_ref<const std::string&>();
    lua_pushlstring(L, s.data(), s.size());
  } else if (v.is_number_integer()) {
    lua_pushinteger(L, v.get<lua_Integer>());
  } else if (v.is_number()) {
    lua_pushnumber(L, v.get<double>());
  } else if (v.is_boolean()) {
    lua_pushboolean(L, v.get<bool>());
  } else {
    lua_pushnil(L);
  }
}

nlohmann::json to_json(lua_State* L, int index, int depth) {
  index = lua_absindex(L, index);
  if (depth > 16) throw std::invalid_argument("table nested more than 16 levels");
  switch (lua_type(L, index)) {
    case LUA_TNIL: return nullptr;
    case LUA_TBOOLEAN: return static_cast<bool>(lua_toboolean(L, index));
    case LUA_TNUMBER:
      if (lua_isinteger(L, index)) return lua_tointeger(L, index);
      if (!std::isfinite(lua_tonumber(L, index))) throw std::invalid_argument("numbers must be finite");
      return lua_tonumber(L, index);
    case LUA_TSTRING: {
      size_t len = 0;
      const char* s = lua_tolstring(L, index, &len);
      return std::string(s, len);
    }
    case LUA_TTABLE: {
      lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, index));
      if (n > 0) {
        nlohmann::json arr = nlohmann::json::array();
        for (lua_Integer i = 1; i <= n; ++i) {
          lua_rawgeti(L, index, i);
          arr.push_back(to_json(L, -1, depth + 1));
          lua_pop(L, 1);
        }
        return arr;
      }
      nlohmann::json obj = nlohmann::json::object();
      lua_pushnil(L);
      while (lua_next(L, index)) {
        if (lua_type(L, -2) != LUA_TSTRING) {
          lua_pop(L, 2);
          throw std::invalid_argument("table keys must be strings");
        }
        obj[lua_tostring(L, -2)] = to_json(L, -1, depth + 1);
        lua_pop(L, 1);
      }
      return obj;
    }
    default:
      throw std::invalid_argument(std::string("cannot store a ") + luaL_typename(L, index));
  }
}

namespace {
std::optional<Color> theme_color(const char* name) {
  struct Named {
    const char* name;
    Color color;
  };
  static const Named names[] = {{"background", theme::kBackgroundTop}, {"panel", theme::kPanel},
                                {"accent", theme::kAccent},            {"warm", theme::kWarm},
                                {"alert", theme::kAlert},              {"text", theme::kText},
                                {"muted", theme::kTextMuted},          {"white", {255, 255, 255, 255}},
                                {"black", {0, 0, 0, 255}}};
  for (const auto& n : names)
    if (std::strcmp(n.name, name) == 0) return n.color;
  return std::nullopt;
}

}  // namespace

Color check_color(lua_State* L, int index, const char* what) {
  if (lua_type(L, index) == LUA_TSTRING) {
    const char* s = lua_tostring(L, index);
    if (auto c = theme_color(s)) return *c;
    if (auto c = parse_hex_color(s)) return *c;
  } else if (lua_type(L, index) == LUA_TTABLE) {
    int v[4] = {0, 0, 0, 255};
    for (int i = 0; i < 4; ++i) {
      lua_rawgeti(L, index, i + 1);
      if (lua_isnumber(L, -1)) v[i] = static_cast<int>(std::clamp(lua_tonumber(L, -1), 0.0, 255.0));
      lua_pop(L, 1);
    }
    return Color{uint8_t(v[0]), uint8_t(v[1]), uint8_t(v[2]), uint8_t(v[3])};
  }
  luaL_error(L, "%s: expected a colour like \"#5CD68A\", a theme name or {r, g, b, a}", what);
  return {};
}

Color opt_color_field(lua_State* L, int table, const char* field, Color fallback) {
  if (!lua_istable(L, table)) return fallback;
  lua_getfield(L, table, field);
  Color c = lua_isnil(L, -1) ? fallback : check_color(L, lua_gettop(L), field);
  lua_pop(L, 1);
  return c;
}

float check_finite(lua_State* L, int index, const char* fn, const char* arg) {
  if (!lua_isnumber(L, index)) luaL_error(L, "%s: %s must be a number", fn, arg);
  double v = lua_tonumber(L, index);
  if (!std::isfinite(v)) luaL_error(L, "%s: %s must be a finite number", fn, arg);
  return static_cast<float>(std::clamp(v, -1e6, 1e6));
}

float opt_number_field(lua_State* L, int table, const char* field, float fallback) {
  if (!lua_istable(L, table)) return fallback;
  lua_getfield(L, table, field);
  float v = fallback;
  if (lua_isnumber(L, -1)) {
    double d = lua_tonumber(L, -1);
    if (std::isfinite(d)) v = static_cast<float>(std::clamp(d, -1e6, 1e6));
  }
  lua_pop(L, 1);
  return v;
}

std::string opt_string_field(lua_State* L, int table, const char* field, const std::string& fallback) {
  if (!lua_istable(L, table)) return fallback;
  lua_getfield(L, table, field);
  std::string v = lua_type(L, -1) == LUA_TSTRING ? lua_tostring(L, -1) : fallback;
  lua_pop(L, 1);
  return v;
}

bool opt_bool_field(lua_State* L, int table, const char* field, bool fallback) {
  if (!lua_istable(L, table)) return fallback;
  lua_getfield(L, table, field);
  bool v = lua_isnil(L, -1) ? fallback : lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

}  // namespace eco::lua
