// `ecolobby check`'s plugin part: the screen's own start-up of the schedule's plugin slots, one
// message per mistake naming the line of the offending key, one report per plugin id.
#include "lua/plugin_checks.h"

#include <gtest/gtest.h>

#include <fstream>

#include "base/toml_reader.h"
#include "lua/plugin_host.h"
#include "scene/scene_set.h"

namespace fs = std::filesystem;
using namespace eco;
using namespace eco::lua;

namespace {

const char* kManifest = R"(id = "green_travel"
version = "1.0"
api = 1
name = "绿色出行打卡"
interactive = true
[settings.items_per_round]
type = "integer"
default = 5
min = 1
max = 12
[settings.mode]
type = "string"
default = "tally"
choices = ["tally", "week"]
)";

// bundled/ (the configured plugins_dir) and content/ with its schedule and optional plugins/.
struct Screen {
  fs::path root;
  Config config = parse_config("", "(test)");
  Screen() {
    root = fs::temp_directory_path() / ("ecolobby-check-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root);
    config.plugins_dir = root / "bundled";
    config.content_dir = root / "content";
    config.data_dir = root / "data";
    fs::create_directories(config.content_dir);
    plugin(config.plugins_dir, "green_travel", kManifest);
  }
  ~Screen() { fs::remove_all(root); }
  void plugin(const fs::path& dir, const std::string& id, const std::string& manifest,
              const std::string& main_lua = "return { frame = function() ui.text('绿色出行', 100, 100) end }") {
    fs::create_directories(dir / id);
    std::ofstream(dir / id / "plugin.toml") << manifest;
    std::ofstream(dir / id / "main.lua") << main_lua;
  }
  std::string schedule_file() const { return (config.content_dir / "schedule.toml").string(); }
  void schedule(const std::string& plugin_slot) const {
    std::ofstream(config.content_dir / "schedule.toml")
        << "[[slot]]\nscene = \"slide\"\ntitle = \"欢迎\"\nduration_s = 5\n\n" << plugin_slot;
  }
  std::vector<std::string> check() const {
    CheckReport r;
    check_plugins(config, config.content_dir, r);
    return r.errors;
  }
  // What the screen says at start: the kiosk's SceneSet over the plugin host's factory.
  std::vector<std::string> screen() const {
    Clock clock(TimePoint{}, 480, 1.0, Clock::Mode::Manual);
    PluginHost host(config);
    Schedule s = load_schedule(config.content_dir / "schedule.toml");
    SceneSet scenes(s, config.content_dir, host.scene_factory(clock));
    return scenes.problems();
  }
};

size_t count(const std::string& s, const std::string& part) {
  size_t n = 0;
  for (size_t p = s.find(part); p != std::string::npos; p = s.find(part, p + 1)) ++n;
  return n;
}

}  // namespace

TEST(PluginChecks, AMisspeltPluginNamesTheLineOfThePluginKeyOnce) {
  Screen s;
  s.schedule("[[slot]]\nduration_s = 5\nplugin = \"green_travle\"\n");
  auto errors = s.check();
  ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
  EXPECT_EQ(errors[0], s.schedule_file() + ":8: no plugin 'green_travle' is installed (installed: green_travel)");
  EXPECT_EQ(s.screen(), errors) << "check says what the screen says";
}

// The same mistakes through check and through the screen's start-up: they agree, and each
// message names the line of the offending key (not the [[slot]] header), once.
TEST(PluginChecks, CheckAndTheScreenAgreeOnEverySlot) {
  struct Case {
    const char* settings;  // lines of [slot.settings], the first on line 10
    int bad_line;          // 0: a good slot
    const char* says;
  };
  const Case cases[] = {
      {"items_per_round = 5\n", 0, ""},
      {"mode = \"week\"\nitems_per_round = 12\n", 0, ""},
      {"items_per_round = \"five\"\n", 10, "expected an integer from 1 to 12 (setting of plugin 'green_travel'), got \"five\""},
      {"items_per_round = 50\n", 10, "expected an integer from 1 to 12"},
      {"mode = \"week\"\nitems_per_round = 0\n", 11, "got 0"},
      {"items_per_round = 5.5\n", 10, "expected an integer"},
      {"thank_you_second = 3\n", 10, "plugin 'green_travel' has no such setting (it has: items_per_round, mode)"},
      {"mode = \"month\"\n", 10, "expected one of tally, week"},
      {"mode = 3\n", 10, "expected one of tally, week"},
      {"items_per_round = true\n", 10, "got true"},
  };
  for (const Case& c : cases) {
    Screen s;
    s.schedule(std::string("[[slot]]\nplugin = \"green_travel\"\nduration_s = 5\n[slot.settings]\n") + c.settings);
    auto errors = s.check();
    EXPECT_EQ(s.screen(), errors) << c.settings;
    if (!c.bad_line) {
      EXPECT_TRUE(errors.empty()) << c.settings << ::testing::PrintToString(errors);
      continue;
    }
    ASSERT_EQ(errors.size(), 1u) << c.settings;
    std::string where = s.schedule_file() + ":" + std::to_string(c.bad_line) + ": ";
    EXPECT_EQ(errors[0].rfind(where, 0), 0u) << errors[0];
    EXPECT_EQ(count(errors[0], "schedule.toml"), 1u) << errors[0];
    EXPECT_NE(errors[0].find(c.says), std::string::npos) << errors[0];
  }
}

TEST(PluginChecks, APluginThatCannotStartOrIsAnOverlayIsRefusedAsOnTheScreen) {
  Screen s;
  s.plugin(s.config.plugins_dir, "ticker", "id = \"ticker\"\nversion = \"1\"\napi = 1\nname = \"滚动\"\nkind = \"overlay\"\n");
  s.plugin(s.config.plugins_dir, "boom", "id = \"boom\"\nversion = \"1\"\napi = 1\nname = \"坏\"\n", "error('no data yet')\n");
  s.schedule("[[slot]]\nplugin = \"ticker\"\n\n[[slot]]\nplugin = \"boom\"\n");
  auto errors = s.check();
  ASSERT_EQ(errors.size(), 2u) << ::testing::PrintToString(errors);
  EXPECT_EQ(errors[0], s.schedule_file() + ":7: plugin 'ticker' is an overlay: list it in [plugins] overlays, not in the schedule");
  EXPECT_EQ(errors[1].rfind(s.schedule_file() + ":9: ", 0), 0u) << errors[1];
  EXPECT_NE(errors[1].find("boom/main.lua:1: no data yet"), std::string::npos) << errors[1];
  EXPECT_EQ(s.screen(), errors);
}

TEST(PluginChecks, APluginInBothFoldersIsReportedOnce) {
  Screen s;
  std::string bad = "colour = \"red\"\n" + std::string(kManifest);
  s.plugin(s.config.plugins_dir, "green_travel", bad);
  s.plugin(s.config.content_dir / "plugins", "green_travel", bad);
  s.schedule("[[slot]]\nplugin = \"green_travel\"\n");
  auto errors = s.check();
  ASSERT_EQ(errors.size(), 1u) << ::testing::PrintToString(errors);
  EXPECT_NE(errors[0].find("content/plugins/green_travel/plugin.toml:1: unknown key 'colour'"), std::string::npos) << errors[0];
  EXPECT_EQ(s.screen(), errors);
  // And the same folder reached as both (content inside the bundle) is one plugin too.
  Screen t;
  t.config.plugins_dir = t.config.content_dir / "plugins";
  t.plugin(t.config.plugins_dir, "green_travel", bad);
  t.schedule("[[slot]]\nplugin = \"green_travel\"\n");
  EXPECT_EQ(t.check().size(), 1u);
  // A folder without plugin.toml is not a plugin to the screen: check says so, once.
  fs::create_directories(t.config.plugins_dir / "garbage_sorting");
  std::ofstream(t.config.plugins_dir / "garbage_sorting" / "Plugin.toml") << kManifest;
  CheckReport r;
  check_plugins(t.config, t.config.content_dir, r);
  ASSERT_EQ(r.warnings.size(), 1u) << ::testing::PrintToString(r.warnings);
  EXPECT_NE(r.warnings[0].find("garbage_sorting: no plugin.toml"), std::string::npos) << r.warnings[0];
}

TEST(PluginChecks, TheBundledContentAndPluginsPass) {
  Config config = parse_config("", "(test)");
  config.plugins_dir = fs::path(ECOLOBBY_SOURCE_DIR) / "plugins";
  config.content_dir = fs::path(ECOLOBBY_SOURCE_DIR) / "content";
  CheckReport r;
  check_plugins(config, config.content_dir, r);
  EXPECT_TRUE(r.errors.empty()) << ::testing::PrintToString(r.errors);
}

TEST(PluginChecks, OverlaysTheScreenWouldLeaveOutAreErrors) {
  Screen s;
  s.plugin(s.config.plugins_dir, "ticker", "id = \"ticker\"\nversion = \"1\"\napi = 1\nname = \"滚动\"\nkind = \"overlay\"\n",
           "error('ticker broke')\n");
  s.config = parse_config("[plugins]\noverlays = [\"tikcer\", \"green_travel\", \"ticker\"]\n", "ecolobby.toml");
  s.config.plugins_dir = s.root / "bundled";
  s.config.content_dir = s.root / "content";
  s.schedule("");
  auto errors = s.check();
  ASSERT_EQ(errors.size(), 3u) << ::testing::PrintToString(errors);
  EXPECT_EQ(errors[0], "ecolobby.toml: [plugins] overlays: no usable plugin 'tikcer'");
  EXPECT_EQ(errors[1], "ecolobby.toml: [plugins] overlays: plugin 'green_travel' has kind = \"scene\", not \"overlay\"");
  EXPECT_NE(errors[2].find("ticker/main.lua:1: ticker broke"), std::string::npos) << errors[2];
}
