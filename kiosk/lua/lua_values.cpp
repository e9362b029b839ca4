#include "lua/lua_values.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include <lua.hpp>
#include <spdlog/spdlog.h>

#include "base/utf8.h"
#include "render/color.h"
#include "render/theme.h"

namespace eco::lua {

int raise_error(lua_State* L, const char* message) { return luaL_error(L, "%s", message); }

int raise_pending(lua_State* L) { return lua_error(L); }

void* protected_push_target(lua_State* L) {
  void* p = lua_touserdata(L, 1);
  lua_remove(L, 1);
  return p;
}

int push_protected_impl(lua_State* L, int (*trampoline)(lua_State*), void* push) {
  if (!lua_checkstack(L, 3)) throw std::length_error("Lua stack overflow");
  int top = lua_gettop(L);
  lua_pushcfunction(L, trampoline);
  lua_pushlightuserdata(L, push);
  if (lua_pcall(L, 1, LUA_MULTRET, 0) != LUA_OK) throw PendingLuaError{};
  return lua_gettop(L) - top;
}

// Only references and iterators of std::map / std::vector (trivially destructible) are alive
// across the Lua calls below, which raise on out-of-memory.
void push_json(lua_State* L, const nlohmann::json& v, int depth) {
  luaL_checkstack(L, 4, "json");
  auto hint = [](size_t n) { return static_cast<int>(std::min<size_t>(n, 1u << 20)); };
  if (depth > 32) {
    lua_pushnil(L);
  } else if (v.is_object()) {
    const auto& object = v.get_ref<const nlohmann::json::object_t&>();
    lua_createtable(L, 0, hint(object.size()));
    for (const auto& [key, item] : object) {
      lua_pushlstring(L, key.data(), key.size());
      push_json(L, item, depth + 1);
      lua_rawset(L, -3);
    }
  } else if (v.is_array()) {
    const auto& array = v.get_ref<const nlohmann::json::array_t&>();
    lua_createtable(L, hint(array.size()), 0);
    lua_Integer i = 1;
    for (const auto& item : array) {
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

namespace {
std::string describe_field(const std::string& field) {
  return field.empty() ? std::string("the value") : "field '" + utf8_excerpt(field, 100) + "'";
}
}  // namespace

// Raw access only (lua_rawgeti, lua_next, lua_tolstring on strings), after lua_checkstack: none
// of these raises, so the C++ objects here are safe.
nlohmann::json to_json(lua_State* L, int index, int depth, const std::string& field) {
  index = lua_absindex(L, index);
  if (depth > 16) throw std::invalid_argument("table nested more than 16 levels");
  switch (lua_type(L, index)) {
    case LUA_TNIL: return nullptr;
    case LUA_TBOOLEAN: return static_cast<bool>(lua_toboolean(L, index));
    case LUA_TNUMBER:
      if (lua_isinteger(L, index)) return lua_tointeger(L, index);
      if (!std::isfinite(lua_tonumber(L, index))) throw std::invalid_argument(describe_field(field) + ": numbers must be finite");
      return lua_tonumber(L, index);
    case LUA_TSTRING: {
      size_t len = 0;
      const char* s = lua_tolstring(L, index, &len);
      if (!is_valid_utf8({s, len})) throw std::invalid_argument(describe_field(field) + " is not valid UTF-8 text");
      return std::string(s, len);
    }
    case LUA_TTABLE: {
      if (!lua_checkstack(L, 4)) throw std::length_error("table nested too deeply");
      lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, index));
      if (n > 0) {
        nlohmann::json arr = nlohmann::json::array();
        for (lua_Integer i = 1; i <= n; ++i) {
          lua_rawgeti(L, index, i);
          try {
            arr.push_back(to_json(L, -1, depth + 1, field + "[" + std::to_string(i) + "]"));
          } catch (...) {
            lua_pop(L, 1);
            throw;
          }
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
        size_t klen = 0;
        const char* k = lua_tolstring(L, -2, &klen);
        if (!is_valid_utf8({k, klen})) {
          lua_pop(L, 2);
          throw std::invalid_argument(field.empty() ? std::string("a field name is not valid UTF-8 text")
                                                    : "a field name in " + describe_field(field) + " is not valid UTF-8 text");
        }
        std::string key(k, klen);
        try {
          obj[key] = to_json(L, -1, depth + 1, field.empty() ? key : field + "." + key);
        } catch (...) {
          lua_pop(L, 2);
          throw;
        }
        lua_pop(L, 1);
      }
      return obj;
    }
    default:
      throw std::invalid_argument(std::string("cannot store a ") + lua_typename(L, lua_type(L, index)));
  }
}

Color check_color(lua_State* L, int index, const char* what) {
  index = lua_absindex(L, index);
  if (lua_type(L, index) == LUA_TSTRING) {
    const char* s = lua_tostring(L, index);
    if (auto c = theme::named_color(s)) return *c;
    if (auto c = parse_hex_color(s)) return *c;
  } else if (lua_type(L, index) == LUA_TTABLE) {
    int v[4] = {0, 0, 0, 255};
    for (int i = 0; i < 4; ++i) {
      lua_rawgeti(L, index, i + 1);
      if (lua_isnumber(L, -1)) {
        double d = lua_tonumber(L, -1);
        if (!std::isfinite(d))
          return luaL_error(L, "%s: colour component %d must be a finite number (0 to 255)", what, i + 1), Color{};
        v[i] = clamp_to_int(d, 0, 255);
      }
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

const char* opt_string_field(lua_State* L, int table, const char* field, size_t* len) {
  if (!lua_istable(L, table)) return nullptr;
  lua_getfield(L, table, field);
  if (lua_type(L, -1) != LUA_TSTRING) {
    lua_pop(L, 1);
    return nullptr;
  }
  return lua_tolstring(L, -1, len);
}

int opt_enum_field(lua_State* L, int table, const char* field, const char* const* names, int fallback) {
  if (!lua_istable(L, table)) return fallback;
  lua_getfield(L, table, field);
  int found = fallback;
  if (lua_type(L, -1) == LUA_TSTRING) {
    const char* s = lua_tostring(L, -1);
    for (int i = 0; names[i]; ++i)
      if (std::strcmp(names[i], s) == 0) found = i;
  }
  lua_pop(L, 1);
  return found;
}

bool opt_bool_field(lua_State* L, int table, const char* field, bool fallback) {
  if (!lua_istable(L, table)) return fallback;
  lua_getfield(L, table, field);
  bool v = lua_isnil(L, -1) ? fallback : lua_toboolean(L, -1);
  lua_pop(L, 1);
  return v;
}

int64_t check_integer_in(lua_State* L, int index, const char* fn, const char* arg, int64_t lo, int64_t hi) {
  int is_integer = 0;
  lua_Integer v = lua_tointegerx(L, index, &is_integer);
  if (!is_integer || v < lo || v > hi) {
    if (lua_type(L, index) == LUA_TNUMBER || lua_isnumber(L, index))
      luaL_error(L, "%s: %s must be an integer from %I to %I", fn, arg, static_cast<lua_Integer>(lo), static_cast<lua_Integer>(hi));
    luaL_error(L, "%s: %s must be an integer, got %s", fn, arg, luaL_typename(L, index));
  }
  return v;
}

int64_t opt_integer_in(lua_State* L, int index, const char* fn, const char* arg, int64_t lo, int64_t hi, int64_t fallback) {
  if (lua_isnoneornil(L, index)) return fallback;
  return check_integer_in(L, index, fn, arg, lo, hi);
}

int64_t opt_integer_field_in(lua_State* L, int table, const char* field, const char* fn, int64_t lo, int64_t hi,
                             int64_t fallback) {
  if (!lua_istable(L, table)) return fallback;
  lua_getfield(L, table, field);
  int64_t v = lua_isnil(L, -1) ? fallback : check_integer_in(L, lua_gettop(L), fn, field, lo, hi);
  lua_pop(L, 1);
  return v;
}

double check_number_in(lua_State* L, int index, const char* fn, const char* arg, double lo, double hi) {
  if (!lua_isnumber(L, index)) luaL_error(L, "%s: %s must be a number, got %s", fn, arg, luaL_typename(L, index));
  double v = lua_tonumber(L, index);
  if (!std::isfinite(v) || v < lo || v > hi) luaL_error(L, "%s: %s must be a number from %f to %f", fn, arg, lo, hi);
  return v;
}

int clamp_to_int(double v, int lo, int hi, int nan_value) {
  if (std::isnan(v)) return nan_value;
  return static_cast<int>(std::clamp(v, static_cast<double>(lo), static_cast<double>(hi)));
}

const char* check_utf8(lua_State* L, int index, const char* fn, const char* arg, size_t* len) {
  size_t n = 0;
  const char* s = luaL_checklstring(L, index, &n);
  if (!is_valid_utf8({s, n})) luaL_error(L, "%s: %s is not valid UTF-8 text", fn, arg);
  if (len) *len = n;
  return s;
}

const char* opt_utf8(lua_State* L, int index, const char* fn, const char* arg, const char* fallback, size_t* len) {
  if (lua_isnoneornil(L, index)) {
    if (len) *len = std::strlen(fallback);
    return fallback;
  }
  return check_utf8(L, index, fn, arg, len);
}

void log_plugin_text(lua_State* L, char separator, LogLevel level) {
  // A few bytes past the cap, so that utf8_excerpt sees the line was cut and cuts it on a
  // character boundary (with "…"); it also repairs bytes that are not UTF-8.
  constexpr size_t kGathered = kMaxLogText + 4;
  char text[kGathered + 1];
  size_t used = 0;
  int n = lua_gettop(L);
  for (int i = 1; i <= n && used < kGathered; ++i) {
    if (i > 1) text[used++] = separator;
    size_t len = 0;
    const char* s = luaL_tolstring(L, i, &len);
    size_t take = std::min(len, kGathered - used);
    std::memcpy(text + used, s, take);
    used += take;
    lua_pop(L, 1);
  }
  for (size_t i = 0; i < used; ++i)
    if (text[i] == '\n' || text[i] == '\r') text[i] = ' ';
  lua_getfield(L, LUA_REGISTRYINDEX, "ecolobby.plugin_id");  // set when the plugin's state is set up
  const char* id = lua_tostring(L, -1);
  spdlog::log(level == LogLevel::Warning ? spdlog::level::warn : spdlog::level::info, "plugin {}: {}", id ? id : "?",
              utf8_excerpt({text, used}, kMaxLogText));
  lua_pop(L, 1);
}

}  // namespace eco::lua
