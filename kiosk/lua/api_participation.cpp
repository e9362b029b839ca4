// participation: anonymous records of what people did at the screen, for plugins with the
// "participation" permission. Fields are checked against the manifest's [participation] keys.
#include <lua.hpp>

#include "base/utf8.h"
#include "lua/api.h"
#include "lua/lua_values.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

ParticipationService& service(lua_State* L, const char* fn) {
  ParticipationService* p = PluginRuntime::of(L).services().participation;
  if (!p) luaL_error(L, "%s: the plugin needs permissions = [\"participation\"] in plugin.toml", fn);
  return *p;
}

constexpr int64_t kMaxDays = 36500;  // a hundred years, the default of count()

// Arguments first (plain values, strings checked for valid UTF-8: they go into JSON and SQLite),
// then the service, inside call_service.
int p_log(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  auto& svc = service(L, "participation.log");
  const char* kind = check_utf8(L, 1, "participation.log", "kind");
  return call_service(L, "participation.log", [&] {
    nlohmann::json fields = lua_isnoneornil(L, 2) ? nlohmann::json::object() : to_json(L, 2);
    if (fields.is_array() && fields.empty()) fields = nlohmann::json::object();
    svc.log(rt.manifest().id, kind, fields, rt.manifest().participation_keys);
    return 0;
  });
}

int p_count(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  auto& svc = service(L, "participation.count");
  const char* kind = opt_utf8(L, 1, "participation.count", "kind", "");
  int64_t days = opt_integer_in(L, 2, "participation.count", "days", 1, kMaxDays, kMaxDays);
  return call_service(L, "participation.count", [&] {
    int64_t since = rt.clock().local_now().day_number() - (days - 1);
    lua_pushinteger(L, svc.count(rt.manifest().id, kind, since));
    return 1;
  });
}

int p_today(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  auto& svc = service(L, "participation.today");
  const char* kind = opt_utf8(L, 1, "participation.today", "kind", "");
  return call_service(L, "participation.today", [&] {
    lua_pushinteger(L, svc.today(rt.manifest().id, kind));
    return 1;
  });
}

// A string field of the option table, kept on the stack; must be valid UTF-8.
const char* utf8_field(lua_State* L, int table, const char* field, const char* fallback) {
  size_t len = 0;
  const char* s = opt_string_field(L, table, field, &len);
  if (!s) return fallback;
  if (!is_valid_utf8({s, len})) luaL_error(L, "participation.leaderboard: %s is not valid UTF-8 text", field);
  return s;
}

// participation.leaderboard{kind=, by="department", field="score", average=true, n=10}
int p_leaderboard(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  auto& svc = service(L, "participation.leaderboard");
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  const char* kind = utf8_field(L, 1, "kind", "");  // each stays on the stack while used
  const char* by = utf8_field(L, 1, "by", "department");
  const char* field = utf8_field(L, 1, "field", "");
  bool average = opt_bool_field(L, 1, "average", false);
  int n = static_cast<int>(opt_integer_field_in(L, 1, "n", "participation.leaderboard", 0, 1000, 10));
  return call_service(L, "participation.leaderboard", [&] {
    auto rows = svc.leaderboard(rt.manifest().id, kind, by, field, average, n);
    return push_protected(L, [&](lua_State* S) {
      lua_createtable(S, static_cast<int>(rows.size()), 0);
      for (size_t i = 0; i < rows.size(); ++i) {
        lua_createtable(S, 0, 2);
        lua_pushlstring(S, rows[i].key.data(), rows[i].key.size());
        lua_setfield(S, -2, "key");
        lua_pushnumber(S, rows[i].value);
        lua_setfield(S, -2, "value");
        lua_rawseti(S, -2, static_cast<lua_Integer>(i + 1));
      }
      return 1;
    });
  });
}

// participation.streak(kind, by, group) → consecutive days up to today
int p_streak(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  auto& svc = service(L, "participation.streak");
  const char* kind = opt_utf8(L, 1, "participation.streak", "kind", "");
  const char* by = opt_utf8(L, 2, "participation.streak", "by", "");
  const char* group = opt_utf8(L, 3, "participation.streak", "group", "");
  return call_service(L, "participation.streak", [&] {
    lua_pushinteger(L, svc.streak(rt.manifest().id, kind, by, group));
    return 1;
  });
}

}  // namespace

void open_participation_api(lua_State* L) {
  const luaL_Reg fns[] = {{"log", p_log},       {"count", p_count},   {"today", p_today},
                          {"leaderboard", p_leaderboard}, {"streak", p_streak}, {nullptr, nullptr}};
  luaL_newlib(L, fns);
  make_read_only(L, "participation");
  lua_setglobal(L, "participation");
}

}  // namespace eco::lua
