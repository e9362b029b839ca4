// `ecolobby check` and the screen agree: the same mistaken schedules through the real program's
// `check` and its headless start-up. A slot check refuses is a slot the screen never shows, and
// a slot check passes is one the screen shows.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "../common/command_output.h"

namespace fs = std::filesystem;

namespace {

using Result = eco::testing::CommandOutput;

// stdout and stderr together: a mistake must not be said again in the log either.
Result run(const std::string& args) {
  return eco::testing::run_command(std::string(ECOLOBBY_BINARY) + " " + args + " 2>&1");
}

const char* kManifest = R"(id = "green_travel"
version = "1.0"
api = 1
name = "绿色出行打卡"
[settings.items_per_round]
type = "integer"
default = 5
min = 1
max = 12
)";

struct Screen {
  fs::path root = fs::temp_directory_path() / ("ecolobby-check-agree-" + std::to_string(::getpid()));
  fs::path content = root / "content", bundled = root / "plugins", config = root / "ecolobby.toml";
  Screen() {
    fs::remove_all(root);
    fs::create_directories(content);
    fs::create_directories(bundled / "green_travel" / "locale");
    std::ofstream(config) << "data_dir = \"" << (root / "data").string() << "\"\ncontent_dir = \"" << content.string()
                          << "\"\nplugins_dir = \"" << bundled.string() << "\"\n";
    std::ofstream(bundled / "green_travel" / "plugin.toml") << kManifest;
    std::ofstream(bundled / "green_travel" / "locale" / "zh-CN.toml") << "title = \"绿色出行\"\n";
    std::ofstream(bundled / "green_travel" / "locale" / "en.toml") << "title = \"Green commute\"\n";
    main_lua("return { frame = function() ui.text(i18n.t('title'), 100, 100) end }");
  }
  ~Screen() { fs::remove_all(root); }
  void main_lua(const std::string& text) const { std::ofstream(bundled / "green_travel" / "main.lua") << text; }
  void schedule(const std::string& plugin_slot) const {
    std::ofstream(content / "schedule.toml") << "[[slot]]\nscene = \"slide\"\ntitle = \"欢迎\"\nduration_s = 5\n\n"
                                             << "[[slot]]\nduration_s = 5\n" << plugin_slot;
  }
  Result check() const { return run("--config " + config.string() + " check"); }
  // Whether 20 virtual seconds of the screen ever showed the plugin's slot (index 1).
  bool screen_shows_plugin() const {
    fs::path trace = root / "trace.jsonl";
    fs::remove(trace);
    run("--config " + config.string() + " --headless --frames 40 --frame-step-ms 500 --now 2026-06-24T10:00:00+08:00 --trace " +
        trace.string());
    std::ifstream in(trace);
    for (std::string line; std::getline(in, line);)
      if (line.find("\"event\":\"scene\"") != std::string::npos && line.find("\"slot\":1,") != std::string::npos) return true;
    return false;
  }
};

}  // namespace

TEST(CheckCommand, CheckAndTheScreenAgreeOnPluginSlots) {
  struct Case {
    const char* slot;      // the plugin slot after its duration_s (line 8 on)
    const char* main_lua;  // nullptr: the good one
    bool good;
  };
  const Case cases[] = {
      {"plugin = \"green_travel\"\n", nullptr, true},
      {"plugin = \"green_travel\"\n[slot.settings]\nitems_per_round = 12\n", nullptr, true},
      {"plugin = \"green_travle\"\n", nullptr, false},
      {"plugin = \"green_travel\"\n[slot.settings]\nitems_per_round = \"five\"\n", nullptr, false},
      {"plugin = \"green_travel\"\n[slot.settings]\nitems_per_round = 50\n", nullptr, false},
      {"plugin = \"green_travel\"\n[slot.settings]\nitems_per_round = -1\n", nullptr, false},
      {"plugin = \"green_travel\"\n[slot.settings]\nthank_you_second = 3\n", nullptr, false},
      {"plugin = \"green_travel\"\n", "return { frame = function() ui.text('x', 0, 0) end ", false},  // no closing brace
      {"plugin = \"green_travel\"\n", "error('not today')\n", false},
      {"plugin = \"green_travel\"\n", "return { frame = function() ui.text(i18n.t('titel'), 0, 0) end }", false},
  };
  Screen s;
  for (const Case& c : cases) {
    s.schedule(c.slot);
    s.main_lua(c.main_lua ? c.main_lua : "return { frame = function() ui.text(i18n.t('title'), 100, 100) end }");
    Result check = s.check();
    std::string said = c.slot + std::string(c.main_lua ? c.main_lua : "") + "\n" + check.output;
    EXPECT_EQ(check.code, c.good ? 0 : 1) << said;
    // A misspelt locale key is check's alone: the screen draws the key (and logs it), it does not skip.
    bool locale_only = c.main_lua && std::string(c.main_lua).find("titel") != std::string::npos;
    if (!locale_only) {
      EXPECT_EQ(s.screen_shows_plugin(), c.good) << said;
    }
    if (!c.good) {
      std::vector<std::string> errors;
      std::istringstream lines(check.output);
      for (std::string l; std::getline(lines, l);)
        if (l.rfind("error: ", 0) == 0) errors.push_back(l);
      ASSERT_EQ(errors.size(), 1u) << "one mistake, one message: " << said;
      const std::string& line = errors[0];
      size_t schedule_mentions = 0;
      for (size_t p = line.find("schedule.toml"); p != std::string::npos; p = line.find("schedule.toml", p + 1)) ++schedule_mentions;
      EXPECT_LE(schedule_mentions, 1u) << line;
      std::string body = line.substr(7);
      EXPECT_EQ(check.output.find(body), check.output.rfind(body)) << "said once, stderr included: " << said;
    }
  }
}
