// content: read-only access to data files of the content being shown (question banks, pledge
// lists, tips), for plugins with the "content" permission. Only .toml files at safe relative
// paths inside the content directory; parsed by the host, so a plugin never touches the disk.
#include <sstream>
#include <stdexcept>

#include <lua.hpp>
#include <toml++/toml.h>

#include "base/safe_path.h"
#include "base/toml_reader.h"
#include "base/utf8.h"
#include "lua/api.h"
#include "lua/api_permissions.h"
#include "lua/lua_values.h"
#include "lua/plugin_runtime.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace {

constexpr uintmax_t kMaxContentFile = 2u << 20;

// content.read("quiz/energy-week.toml") → table, or nil and "file:line: problem".
int content_read(lua_State* L) {
  require_permission(L, "content", "content.read");
  auto& rt = PluginRuntime::of(L);
  size_t len = 0;
  const char* arg = luaL_checklstring(L, 1, &len);
  return call_service(L, "content.read", [&] {
    std::string path(arg, len);
    auto inside = normalize_entry_path(path);
    if (!inside || !inside->ends_with(".toml"))
      throw std::invalid_argument("'" + utf8_excerpt(path, 200) +
                                  "' must be a .toml file inside the content folder (no '..' or absolute paths)");
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
      problem = to_valid_utf8(e.what());
    }
    if (!problem.empty())
      return push_protected(L, [&](lua_State* S) {
        lua_pushnil(S);
        lua_pushlstring(S, problem.data(), problem.size());
        return 2;
      });
    return push_protected(L, [&](lua_State* S) {
      push_json(S, value);
      return 1;
    });
  });
}

}  // namespace

void open_content_api(lua_State* L) {
  set_read_only_global(L, "content", {{"read", content_read}});
}

}  // namespace eco::lua
