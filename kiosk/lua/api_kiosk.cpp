// kiosk: the plugin's relation to the screen. focus()/release() take and give back the screen
// (the rotation pauses while a plugin has focus); after/every/cancel are timers on the kiosk
// clock; animate() asks for another frame right away (tweens); settings holds this slot's settings.
#include <climits>
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
  const char* fn = repeat ? "kiosk.every" : "kiosk.after";
  double seconds = check_finite(L, 1, fn, "seconds");
  luaL_checktype(L, 2, LUA_TFUNCTION);
  auto& rt = PluginRuntime::of(L);
  if (rt.timers_full())
    return luaL_error(L, "%s: a plugin can have at most %d timers at once (cancel one with kiosk.cancel)", fn,
                      static_cast<int>(PluginRuntime::kMaxTimers));
  lua_pushvalue(L, 2);
  int ref = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_pushinteger(L, rt.add_timer(seconds, repeat, ref));  // never allocates: room for kMaxTimers is reserved
  return 1;
}
int k_after(lua_State* L) { return add_timer(L, false); }
int k_every(lua_State* L) { return add_timer(L, true); }

int k_cancel(lua_State* L) {
  PluginRuntime::of(L).cancel_timer(static_cast<int>(check_integer_in(L, 1, "kiosk.cancel", "id", INT_MIN, INT_MAX)));
  return 0;
}

// kiosk.campaign(): the campaign running today ({id, name, slogan, accent}) or nil, so a plugin
// can dress itself in the campaign's theme like the built-in pages do.
int k_campaign(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  return call_service(L, "kiosk.campaign", [&] {
    const Campaign* c = rt.campaigns().running(rt.clock().local_now().day_number());
    if (!c) return 0;
    const std::string& lang = rt.locale().language();
    std::string name = c->name.get(lang), slogan = c->slogan.get(lang);
    char hex[10] = {0};
    if (c->accent) std::snprintf(hex, sizeof hex, "#%02X%02X%02X", c->accent->r, c->accent->g, c->accent->b);
    return push_protected(L, [&](lua_State* S) {
      lua_createtable(S, 0, 4);
      lua_pushlstring(S, c->id.data(), c->id.size());
      lua_setfield(S, -2, "id");
      lua_pushlstring(S, name.data(), name.size());
      lua_setfield(S, -2, "name");
      lua_pushlstring(S, slogan.data(), slogan.size());
      lua_setfield(S, -2, "slogan");
      if (hex[0]) {
        lua_pushstring(S, hex);
        lua_setfield(S, -2, "accent");
      }
      return 1;
    });
  });
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
