// data: a read-only copy of the current energy/water/carbon snapshot for plugins with the
// "data" permission. The same snapshot also arrives in on_data(snapshot) when it changes.
#include <lua.hpp>

#include "lua/api.h"
#include "lua/api_permissions.h"
#include "lua/lua_values.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

int data_snapshot(lua_State* L) {
  require_permission(L, "data", "data.snapshot");
  DataService* data = PluginRuntime::of(L).services().data;
  return call_service(L, "data.snapshot", [&] {
    auto snap = data ? data->snapshot() : nullptr;  // no feed configured or no figures yet: nil
    // Pushed protected: a snapshot over the memory cap must not longjmp past `snap` (leaking it).
    return push_protected(L, [&](lua_State* S) {
      if (snap) push_json(S, *snap);
      else lua_pushnil(S);
      return 1;
    });
  });
}

}  // namespace

void open_data_api(lua_State* L) {
  set_read_only_global(L, "data", {{"snapshot", data_snapshot}});
}

}  // namespace eco::lua
