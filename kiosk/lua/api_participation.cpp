// participation: anonymous records of what people did at the screen, for plugins with the
// "participation" permission. Fields are checked against the manifest's [participation] keys.
#include <lua.hpp>

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

int p_log(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  auto& svc = service(L, "participation.log");
  const char* kind = luaL_checkstring(L, 1);
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
  const char* kind = luaL_optstring(L, 1, "");
  lua_Integer days = luaL_optinteger(L, 2, 36500);
  return call_service(L, "participation.count", [&] {
    int64_t since = rt.clock().local_now().day_number() - (days - 1);
    lua_pushinteger(L, svc.count(rt.manifest().id, kind, since));
    return 1;
  });
}

int p_today(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  auto& svc = service(L, "participation.today");
  const char* kind = luaL_optstring(L, 1, "");
  return call_service(L, "participation.today", [&] {
    lua_pushinteger(L, svc.today(rt.manifest().id, kind));
    return 1;
  });
}

// participation.leaderboard{kind=, by="department", field="score", average=true, n=10}
int p_leaderboard(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  auto& svc = service(L, "participation.leaderboard");
  luaL_checktype(L, 1, LUA_TTABLE);
  std::string kind = opt_string_field(L, 1, "kind", ""), by = opt_string_field(L, 1, "by", "department"),
              field = opt_string_field(L, 1, "field", "");
  bool average = opt_bool_field(L, 1, "average", false);
  int n = static_cast<int>(opt_number_field(L, 1, "n", 10));
  return call_service(L, "participation.leaderboard", [&] {
    auto rows = svc.leaderboard(rt.manifest().id, kind, by, field, average, n);
    lua_createtable(L, static_cast<int>(rows.size()), 0);
    for (size_t i = 0; i < rows.size(); ++i) {
      lua_createtable(L, 0, 2);
      lua_pushstring(L, rows[i].key.c_str());
      lua_setfield(L, -2, "key");
      lua_pushnumber(L, rows[i].value);
      lua_setfield(L, -2, "value");
      lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
    }
    return 1;
  });
}

// participation.streak(kind, by, group) → consecutive days up to today
int p_streak(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  auto& svc = service(L, "participation.streak");
  std::string kind = luaL_optstring(L, 1, ""), by = luaL_optstring(L, 2, ""), group = luaL_optstring(L, 3, "");
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
