#include "lua/plugin_checks.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <stdexcept>

#include <lua.hpp>
#include <spdlog/spdlog.h>

#include "base/toml_reader.h"
#include "lua/locale_checks.h"
#include "lua/plugin_host.h"
#include "lua/sandbox.h"
#include "scene/scene_set.h"

namespace eco::lua {
namespace fs = std::filesystem;

namespace {

void compile_main(const Manifest& m, CheckReport& report) {
  std::string source = read_text_file((m.dir / "main.lua").string());
  Budget budget(m.memory_bytes);
  StatePtr state = new_sandboxed_state(budget);
  if (!state) throw std::runtime_error(m.id + ": cannot create a Lua state within its memory limit");
  std::string chunk = "@" + m.id + "/main.lua";
  if (luaL_loadbufferx(state.get(), source.data(), source.size(), chunk.c_str(), "t") != LUA_OK)
    report.errors.push_back(std::string("syntax error: ") + lua_tostring(state.get(), -1));
}

// The screen logs each problem as it meets it; here the report is the output, so each is said once.
class QuietLog {
 public:
  QuietLog() : level_(spdlog::get_level()) { spdlog::set_level(spdlog::level::off); }
  ~QuietLog() { spdlog::set_level(level_); }
  QuietLog(const QuietLog&) = delete;
  QuietLog& operator=(const QuietLog&) = delete;

 private:
  spdlog::level::level_enum level_;
};

}  // namespace

void check_plugins(const Config& config, const fs::path& content_dir, CheckReport& report) {
  QuietLog quiet;
  // The screen's start-up below runs on in-memory services and a clock standing at now.
  auto now = std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  Clock clock(now, config.utc_offset_minutes, 1.0, Clock::Mode::Manual);
  Config in_dir = config;  // overlays come from the content being checked, as once it is shown
  in_dir.content_dir = content_dir;
  PluginHost host(in_dir);
  std::set<fs::path> seen;  // what the scan passes over, once even if both folders are one
  for (const fs::path& dir : {in_dir.plugins_dir, content_dir / "plugins"}) {
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec))
      if (e.is_directory() && !fs::exists(e.path() / "plugin.toml") && seen.insert(fs::weakly_canonical(e.path(), ec)).second)
        report.warnings.push_back(e.path().string() + ": no plugin.toml: the screen does not see this folder as a plugin");
  }
  std::set<std::string> broken;  // reported as plugins; their slots would only repeat it
  for (const auto& [id, entry] : host.catalog_for(content_dir).entries()) {
    size_t before = report.errors.size();
    try {
      if (!entry.manifest) throw ConfigError(entry.error);
      compile_main(*entry.manifest, report);
      check_plugin_locales(*entry.manifest, report);
    } catch (const std::exception& e) {
      report.errors.push_back(e.what());
    }
    if (report.errors.size() > before) broken.insert(id);
  }

  Schedule schedule;
  try {
    schedule = load_schedule(content_dir / "schedule.toml");
  } catch (const std::exception&) {
    schedule = {};  // the schedule check reports it; the overlays are still checked
  }
  std::vector<Slot> slots;
  for (const Slot& slot : schedule.slots)
    if (slot.scene == "plugin" && !broken.contains(slot.plugin)) slots.push_back(slot);
  schedule.slots = std::move(slots);
  SceneSet scenes(schedule, content_dir, host.scene_factory(clock));
  for (const std::string& problem : scenes.problems()) report.errors.push_back(problem);
  std::vector<std::string> overlay_problems;
  host.overlays(clock, &overlay_problems);
  for (auto& problem : overlay_problems) {
    bool said = std::any_of(broken.begin(), broken.end(), [&](const std::string& id) {
      return problem.find("plugin '" + id + "'") != std::string::npos;  // its manifest's error is reported above
    });
    if (!said) report.errors.push_back(config.source + ": " + problem);
  }
}

void register_plugin_checks() { add_content_check("plugins", check_plugins); }

}  // namespace eco::lua
