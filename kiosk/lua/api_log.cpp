// log: plugin messages in the kiosk log, prefixed with the plugin id and cut to one line.
#include <algorithm>
#include <cstring>
#include <string_view>

#include <lua.hpp>
#include <spdlog/spdlog.h>

#include "app/utf8.h"
#include "lua/api.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

constexpr size_t kMaxMessage = 1000;

// The arguments joined into `out` (a plain buffer: luaL_tolstring can raise, and a Lua error
// longjmps past C++ destructors), on one line, cut on a character boundary. Returns its length.
size_t message(lua_State* L, char (&out)[kMaxMessage + 1]) {
  size_t used = 0;
  int n = lua_gettop(L);
  for (int i = 1; i <= n && used < kMaxMessage; ++i) {
    if (i > 1) out[used++] = ' ';
    size_t len = 0;
    const char* s = luaL_tolstring(L, i, &len);
    size_t take = std::min(len, kMaxMessage - used);
    std::memcpy(out + used, s, take);
    used += take;
    lua_pop(L, 1);
  }
  for (size_t i = 0; i < used; ++i)
    if (out[i] == '\n' || out[i] == '\r') out[i] = ' ';
  return utf8_prefix({out, used}, kMaxMessage).size();
}

int log_info(lua_State* L) {
  char m[kMaxMessage + 1];
  size_t n = message(L, m);
  spdlog::info("plugin {}: {}", PluginRuntime::of(L).manifest().id, std::string_view(m, n));
  return 0;
}

int log_warn(lua_State* L) {
  char m[kMaxMessage + 1];
  size_t n = message(L, m);
  spdlog::warn("plugin {}: {}", PluginRuntime::of(L).manifest().id, std::string_view(m, n));
  return 0;
}

}  // namespace

void open_log_api(lua_State* L) {
  const luaL_Reg fns[] = {{"info", log_info}, {"warn", log_warn}, {nullptr, nullptr}};
  luaL_newlib(L, fns);
  make_read_only(L, "log");
  lua_setglobal(L, "log");
}

}  // namespace eco::lua
