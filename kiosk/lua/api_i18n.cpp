// i18n: the plugin's own strings from locale/zh-CN.toml and locale/en.toml.
// i18n.t("quiz.score", {score = 4}) → "得分 4"; i18n.language → "zh-CN".
#include <string_view>

#include <lua.hpp>

#include "base/locale.h"
#include "base/utf8.h"
#include "lua/api.h"
#include "lua/lua_values.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

constexpr int kMaxArgs = 32;

// First the arguments as strings on the Lua stack (tostring may raise), then the C++ part.
int i18n_t(lua_State* L) {
  size_t key_len = 0;
  const char* key = luaL_checklstring(L, 1, &key_len);
  lua_settop(L, 2);
  int first = 3, count = 0;
  if (lua_istable(L, 2)) {
    luaL_checkstack(L, 2 * kMaxArgs + 4, "i18n.t");
    lua_pushnil(L);
    while (count < kMaxArgs && lua_next(L, 2)) {  // stack: … key value
      if (lua_type(L, -2) == LUA_TSTRING) {
        luaL_tolstring(L, -1, nullptr);  // … key value text
        lua_remove(L, -2);               // … key text
        lua_pushvalue(L, -2);            // … key text key (for lua_next)
        ++count;
      } else {
        lua_pop(L, 1);
      }
    }
    if (count == kMaxArgs) lua_pop(L, 1);  // the key lua_next would have continued from
  }
  // In dev mode a missing key or argument is logged with the call's file:line ("p/main.lua:12").
  // Kept on the Lua stack: a C++ string here would leak if a Lua error jumped past it.
  int where_index = 0;
  if (PluginRuntime::of(L).options().dev_mode) {
    luaL_where(L, 1);  // "p/main.lua:12: "
    where_index = lua_gettop(L);
  }
  return call_service(L, "i18n.t", [&] {
    std::string_view caller = where_index ? lua_tostring(L, where_index) : "";
    while (!caller.empty() && (caller.back() == ' ' || caller.back() == ':')) caller.remove_suffix(1);
    std::vector<std::pair<std::string, std::string>> args;
    for (int i = 0; i < count; ++i) {
      size_t nl = 0, vl = 0;
      const char* name = lua_tolstring(L, first + 2 * i, &nl);
      const char* value = lua_tolstring(L, first + 2 * i + 1, &vl);
      args.emplace_back(std::string(name, nl), std::string(value, vl));
    }
    const Locale& locale = PluginRuntime::of(L).locale();
    std::string key_text(key, key_len);
    std::string text = locale.t(key_text, args, caller);
    if (const auto& tell = PluginRuntime::of(L).options().on_text_problem) {
      std::string where = caller.empty() ? std::string() : std::string(caller) + ": ";
      if (!locale.has(key_text)) {
        tell(where + "i18n.t: no text for '" + utf8_excerpt(key_text, 120) + "' in the plugin's locale files");
      } else if (auto left = placeholders(text); !left.empty()) {
        tell(where + "i18n.t: '" + utf8_excerpt(key_text, 120) + "' has {" + left.front() + "} but no argument " +
             left.front() + " was given");
      }
    }
    return push_protected(L, [&](lua_State* S) {
      lua_pushlstring(S, text.data(), text.size());
      return 1;
    });
  });
}

}  // namespace

void open_i18n_api(lua_State* L) {
  const luaL_Reg fns[] = {{"t", i18n_t}, {nullptr, nullptr}};
  luaL_newlib(L, fns);
  lua_pushstring(L, PluginRuntime::of(L).options().language.c_str());
  lua_setfield(L, -2, "language");
  make_read_only(L, "i18n");
  lua_setglobal(L, "i18n");
}

}  // namespace eco::lua
