#pragma once
// A throw-away plugin folder for tests: plugin.toml + main.lua in a temp directory.
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

namespace eco::lua::fixture {

struct PluginFolder {
  std::filesystem::path root, dir;
  PluginFolder(const std::string& id, const std::string& main_lua, const std::string& extra_manifest = "") {
    static int counter = 0;
    root = std::filesystem::temp_directory_path() /
           ("ecolobby-plugin-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    dir = root / id;
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "plugin.toml") << "id = \"" << id << "\"\nversion = \"1.0\"\napi = 1\nname = \"测试\"\n"
                                       << "permissions = [\"participation\", \"store\", \"data\"]\nmemory_mb = 4\n"
                                       << extra_manifest;
    std::ofstream(dir / "main.lua") << main_lua;
  }
  ~PluginFolder() { std::filesystem::remove_all(root); }
  // The plugin's locale/<lang>.toml ("zh-CN", "en") with `text`.
  void write_locale(const std::string& lang, const std::string& text) const {
    std::filesystem::create_directories(dir / "locale");
    std::ofstream(dir / "locale" / (lang + ".toml")) << text;
  }
};

}  // namespace eco::lua::fixture
