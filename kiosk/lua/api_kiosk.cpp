// kiosk: the plugin's relation to the screen. focus()/release() take and give back the screen
// (the rotation pauses while a plugin has focus); after/every/cancel are timers on the kiosk
// clock; animate() asks for another frame right away (tweens); settings holds this slot's settings.
#include <cstdio>

#include <lua.hpp>

#include "lua/api.h"
#include "lua/lua_values.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

int k_focus(lua_State* L) {
  PluginRuntime::of(L).request_focus(FocusRequest::Take);
  return 0;
}

int k_release(lua_State* L) {
  PluginRuntime::of(L).request_focus(FocusRequest::Release);
  return 0;
}

int add_timer(lua_State* L, bool repeat) {
  double seconds = check_finite(L, 1, repeat ? "kiosk.every" : "kiosk.after", "seconds");
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_pushvalue(L, 2);
  int ref = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_pushinteger(L, PluginRuntime::of(L).add_timer(seconds, repeat, ref));
  return 1;
}
int k_after(lua_State* L) { return add_timer(L, false); }
int k_every(lua_State* L) { return add_timer(L, true); }

int k_cancel(lua_State* L) {
  PluginRuntime::of(L).cancel_timer(static_cast<int>(luaL_checkinteger(L, 1)));
  return 0;
}

// kiosk.campaign(): the campaign running today ({id, name, slogan, accent}) or nil, so a plugin
// can dress itself in the campaign's theme like the built-in pages do.
int k_campaign(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  const Campaign* c = rt.campaigns().running(rt.clock().local_now().day_number());
  if (!c) return 0;
  const std::string& lang = rt.locale().language();
  lua_createtable(L, 0, 4);
  lua_pushstring(L, c->id.c_str());
  lua_setfield(L, -2, "id");
  lua_pushstring(L, c->name.get(lang).c_str());
  lua_setfield(L, -2, "name");
  lua_pushstring(L, c->slogan.get(lang).c_str());
  lua_setfield(L, -2, "slogan");
  if (c->accent) {
    char hex[10];
    std::snprintf(hex, sizeof hex, "#%02X%02X%02X", c->accent->r, c->accent->g, c->accent->b);
    lua_pushstring(L, hex);
    lua_setfield(L, -2, "accent");
  }
  return 1;
}

int k_animate(lua_State* L) {
  PluginRuntime::of(L).request_animation();
  return 0;
}

}  // namespace

void open_kiosk_api(lua_State* L) {
  const luaL_Reg fns[] = {{"focus", k_focus},   {"release", k_release}, {"after", k_after},
                          {"every", k_every},   {"cancel", k_cancel},   {"animate", k_animate},
                          {"campaign", k_campaign}, {nullptr, nullptr}};
  luaL_newlib(L, fns);
  auto& rt = PluginRuntime::of(L);
  push_json(L, rt.settings());
  make_read_only(L, "settings");
  lua_pushvalue(L, -1);
  lua_setglobal(L, "settings");
  lua_setfield(L, -2, "settings");
  lua_pushstring(L, rt.manifest().id.c_str());
  lua_setfield(L, -2, "plugin_id");
  push_json(L, rt.options().departments);  // the departments this screen offers ([] when none)
  make_read_only(L, "departments");
  lua_setfield(L, -2, "departments");
  make_read_only(L, "kiosk");
  lua_setglobal(L, "kiosk");
}

}  // namespace eco::lua
