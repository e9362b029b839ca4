// store: a small persistent key-value store per plugin (values are any Lua data that JSON can
// hold), for plugins with the "store" permission. It survives reloads and restarts.
#include <lua.hpp>

#include "base/utf8.h"
#include "lua/api.h"
#include "lua/api_permissions.h"
#include "lua/lua_values.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

KeyValueService& service(lua_State* L, const char* fn) {
  return permitted_service(L, PluginRuntime::of(L).services().store, "store", fn);
}

int s_get(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  auto& svc = service(L, "store.get");
  const char* key = check_utf8(L, 1, "store.get", "key");
  lua_settop(L, 2);  // the default, or nil
  return call_service(L, "store.get", [&] {
    auto v = svc.get(rt.manifest().id, key);
    if (!v) {
      lua_pushvalue(L, 2);
      return 1;
    }
    nlohmann::json value = nlohmann::json::parse(*v);
    return push_protected(L, [&](lua_State* S) {  // never longjmp past `v` and `value`
      push_json(S, value);
      return 1;
    });
  });
}

int s_set(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  auto& svc = service(L, "store.set");
  const char* key = check_utf8(L, 1, "store.set", "key");
  luaL_checkany(L, 2);
  char where[160];  // no std::string here: luaL_error longjmps past destructors
  std::snprintf(where, sizeof where, "store.set('%.*s')", static_cast<int>(utf8_prefix(key, 100).size()), key);
  return call_service(L, where, [&] {
    if (lua_isnil(L, 2)) svc.remove(rt.manifest().id, key);
    else svc.set(rt.manifest().id, key, to_json(L, 2).dump());
    return 0;
  });
}

}  // namespace

void open_store_api(lua_State* L) {
  set_read_only_global(L, "store", {{"get", s_get}, {"set", s_set}});
}

}  // namespace eco::lua
