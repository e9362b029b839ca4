// content: read-only access to data files of the content being shown (question banks, pledge
// lists, tips), for plugins with the "content" permission. Only .toml files at safe relative
// paths inside the content directory; parsed by the host, so a plugin never touches the disk.
#include <sstream>

#include <lua.hpp>
#include <toml++/toml.h>

#include "app/safe_path.h"
#include "app/toml_reader.h"
#include "lua/api.h"
#include "lua/lua_values.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

constexpr uintmax_t kMaxContentFile = 2u << 20;

// content.read("quiz/energy-week.toml") → table, or nil and "file:line: problem".
int content_read(lua_State* L) {
  auto& rt = PluginRuntime::of(L);
  if (!rt.manifest().allows("content"))
    return luaL_error(L, "content.read: the plugin needs permissions = [\"content\"] in plugin.toml");
  std::string path = luaL_checkstring(L, 1);
  auto inside = normalize_entry_path(path);
  if (!inside || !inside->ends_with(".toml"))
    return luaL_error(L, "content.read: '%s' must be a .toml file inside the content folder (no '..' or absolute paths)", path.c_str());
  std::filesystem::path file = rt.options().content_dir / *inside;
  std::string problem;
  nlohmann::json value;
  try {
    std::error_code ec;
    auto size = std::filesystem::file_size(file, ec);
    if (ec) throw ConfigError(path + ": not found in the content folder");
    if (size > kMaxContentFile) throw ConfigError(path + ": larger than 2 MB");
    auto table = parse_toml_file(file.string());
    std::ostringstream json;
    json << toml::json_formatter{*table};
    value = nlohmann::json::parse(json.str());
  } catch (const std::exception& e) {
    problem = e.what();
  }
  if (!problem.empty()) {
    lua_pushnil(L);
    lua_pushstring(L, problem.c_str());
    return 2;
  }
  push_json(L, value);
  return 1;
}

}  // namespace

void open_content_api(lua_State* L) {
  const luaL_Reg fns[] = {{"read", content_read}, {nullptr, nullptr}};
  luaL_newlib(L, fns);
  make_read_only(L, "content");
  lua_setglobal(L, "content");
}

}  // namespace eco::lua
