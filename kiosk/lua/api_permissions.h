#pragma once
// The permission check of the API functions that need one (plugin.toml's `permissions`): a
// plugin without it gets an error naming the line to add, at the call.
#include <lua.hpp>

#include "lua/plugin_runtime.h"

namespace eco::lua {

inline void require_permission(lua_State* L, const char* permission, const char* fn) {
  if (!PluginRuntime::of(L).manifest().allows(permission))
    luaL_error(L, "%s: the plugin needs permissions = [\"%s\"] in plugin.toml", fn, permission);
}

// The service behind a permission: the runtime holds none without it (PluginRuntime's constructor).
template <typename Service>
Service& permitted_service(lua_State* L, Service* service, const char* permission, const char* fn) {
  if (!service) luaL_error(L, "%s: the plugin needs permissions = [\"%s\"] in plugin.toml", fn, permission);
  return *service;
}

}  // namespace eco::lua
