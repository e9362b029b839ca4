#include "base/config.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>

#include "base/config_sections.h"

#include <gtest/gtest.h>

using namespace eco;

TEST(Config, DefaultsWithoutAnyFile) {
  Config c = parse_config("", "(built-in defaults)");
  EXPECT_EQ(c.language, "zh-CN");
  EXPECT_EQ(c.orientation, Orientation::Landscape);
  EXPECT_EQ(c.idle_timeout_s, 60);
  EXPECT_FALSE(c.allow_quit_keys);
  EXPECT_FALSE(c.data_dir.empty());
  EXPECT_TRUE(std::filesystem::exists(c.content_dir)) << c.content_dir;
}

TEST(Config, ReadsValuesAndSections) {
  Config c = parse_config(R"(
org_name = "县政府"
orientation = "portrait"
idle_timeout_s = 90
departments = ["办公室", "财务科"]
[display]
off_hours = "20:00-07:00"
[store]
retention_days = 30
)", "test.toml");
  EXPECT_EQ(c.org_name, "县政府");
  EXPECT_EQ(c.orientation, Orientation::Portrait);
  EXPECT_EQ(c.idle_timeout_s, 90);
  ASSERT_EQ(c.departments.size(), 2u);
  ASSERT_TRUE(c.display.hours.off_hours);
  EXPECT_EQ(c.display.hours.off_hours->start_minute, 20 * 60);
  EXPECT_EQ(c.section("store").integer("retention_days", 730, 1, 10000), 30);
  EXPECT_TRUE(c.warnings.empty());
}

TEST(Config, ErrorNamesFileLineKeyAndExpectation) {
  try {
    parse_config("org_name = \"x\"\n\nidle_timeout_s = \"soon\"\n", "/etc/ecolobby/ecolobby.toml");
    FAIL() << "no error";
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(),
                 "/etc/ecolobby/ecolobby.toml:3: key 'idle_timeout_s': expected an integer from 5 to 3600, got \"soon\"");
  }
}

TEST(Config, NestedErrorsAndSyntaxErrors) {
  EXPECT_THROW(
      {
        try {
          parse_config("[display]\noff_hours = \"late\"\n", "k.toml");
        } catch (const ConfigError& e) {
          EXPECT_NE(std::string(e.what()).find("k.toml:2: key 'display.off_hours'"), std::string::npos) << e.what();
          throw;
        }
      },
      ConfigError);
  try {
    parse_config("orientation = \n", "broken.toml");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_EQ(std::string(e.what()).rfind("broken.toml:1:", 0), 0u) << e.what();
  }
  EXPECT_THROW(parse_config("orientation = \"diagonal\"", "x.toml"), ConfigError);
}

TEST(Config, UnknownKeysAreWarnedWithLine) {
  Config c = parse_config("org_name = \"a\"\nidel_timeout_s = 30\n[display]\nbrightness = 3\n", "u.toml");
  ASSERT_EQ(c.warnings.size(), 2u);
  EXPECT_EQ(c.warnings[0], "u.toml:4: unknown key 'display.brightness'");
  EXPECT_EQ(c.warnings[1], "u.toml:2: unknown key 'idel_timeout_s'");
}

TEST(Config, RelativePathsAreRelativeToTheConfigFile) {
  auto dir = std::filesystem::temp_directory_path() / "ecolobby-config-rel";
  std::filesystem::create_directories(dir);
  auto file = dir / "kiosk.toml";
  std::ofstream(file) << "data_dir = \"data\"\ncontent_dir = \"../shared-content\"\n";
  Config c = load_config(file);
  EXPECT_EQ(c.data_dir, dir / "data");
  EXPECT_EQ(c.content_dir, (dir / "../shared-content").lexically_normal());
  std::filesystem::remove_all(dir);
}

// Every concern resolves the paths of its section with the same rule, from any working directory.
TEST(Config, PathsInSectionsAreRelativeToTheConfigFileToo) {
  namespace fs = std::filesystem;
  auto dir = fs::temp_directory_path() / ("ecolobby-config-paths-" + std::to_string(::getpid()));
  fs::create_directories(dir / "elsewhere");
  auto file = dir / "kiosk.toml";
  std::ofstream(file) << "font_file = \"fonts/a.ttf\"\n";
  auto cwd = fs::current_path();
  fs::current_path(dir / "elsewhere");
  Config c = load_config(fs::path("../kiosk.toml"));
  EXPECT_EQ(c.font_file, (dir / "fonts/a.ttf").string());
  EXPECT_EQ(config_relative_path(c, "status.token"), dir / "status.token");
  EXPECT_EQ(config_relative_path(c, "keys/../keys/bundle.pub"), dir / "keys/bundle.pub");
  EXPECT_EQ(config_relative_path(c, "/etc/ecolobby/status.token"), fs::path("/etc/ecolobby/status.token"));
  EXPECT_EQ(config_relative_path(c, ""), fs::path());
  fs::current_path(cwd);
  // Not from a file (built-in defaults, a test's string): left as written.
  EXPECT_EQ(config_relative_path(parse_config("", "(built-in defaults)"), "status.token"), fs::path("status.token"));
  fs::remove_all(dir);
}

TEST(Config, EverySectionOwnedElsewhereIsListed) {
  // The list `ecolobby check` proves it covers (app/config_checks); parse_config leaves them alone.
  std::vector<std::string_view> want{"store", "data", "plugins", "updates", "status"};
  EXPECT_EQ(delegated_config_sections(), want);
  Config c = parse_config("[updates]\nwhatever = 1\n[plugins]\nframe_ms = \"x\"\n[campaigns]\nx = 1\n", "t.toml");
  ASSERT_EQ(c.warnings.size(), 1u);  // [campaigns] is nobody's section: an unknown key
  EXPECT_NE(c.warnings[0].find("campaigns"), std::string::npos) << c.warnings[0];
}

TEST(Config, OfficeHoursAndDaysTurnTheScreenOffOutsideThem) {
  Config c = parse_config("[display]\non_hours = \"07:30-19:00\"\non_days = [1, 2, 3, 4, 5]\noff_command = \"xset dpms force off\"\n",
                          "k.toml");
  const DisplayHours& h = c.display.hours;
  EXPECT_EQ(c.display.off_command, "xset dpms force off");
  auto at = [](int weekday, int hour, int minute) {
    LocalTime t;
    t.weekday = weekday;
    t.hour = hour;
    t.minute = minute;
    return t;
  };
  EXPECT_FALSE(h.off_at(at(1, 7, 30))) << "Monday, opening time";
  EXPECT_TRUE(h.off_at(at(1, 7, 29)));
  EXPECT_TRUE(h.off_at(at(5, 19, 0))) << "Friday, closing time";
  EXPECT_TRUE(h.off_at(at(6, 10, 0))) << "Saturday";
  EXPECT_EQ(h.minutes_until_change(at(1, 7, 0)), 30);
  EXPECT_EQ(h.minutes_until_change(at(6, 23, 0)), 60) << "midnight may change the day's answer";
  try {
    parse_config("[display]\non_days = [1, 8]\n", "k.toml");
    FAIL() << "day 8 accepted";
  } catch (const ConfigError& e) {
    EXPECT_NE(std::string(e.what()).find("k.toml:2: key 'display.on_days'"), std::string::npos) << e.what();
  }
  EXPECT_THROW(parse_config("[display]\non_hours = \"9 to 5\"\n", "k.toml"), ConfigError);
}

// (issue #20, 3) The installed screen's data directory comes from the system configuration,
// whoever runs the command: never from HOME, never from "whatever is writable".
TEST(Config, TheSystemConfigurationNamesTheScreensDataDirectoryForEveryone) {
  namespace fs = std::filesystem;
  auto dir = fs::temp_directory_path() / ("ecolobby-config-system-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto system = dir / "ecolobby.toml";
  std::string home = std::getenv("HOME") ? std::getenv("HOME") : "";
  ::setenv("ECOLOBBY_SYSTEM_CONFIG", system.c_str(), 1);
  ::setenv("HOME", "/nonexistent", 1);
  ::unsetenv("XDG_DATA_HOME");

  // No file: built-in defaults, the user's own directory (a build tree without an installed screen).
  EXPECT_EQ(load_config(std::nullopt).data_dir, fs::path("/nonexistent/.local/share/ecolobby"));

  std::ofstream(system) << "kiosk_id = \"lobby-1\"\n";
  Config installed = load_config(std::nullopt);
  EXPECT_EQ(installed.source, system.string());
  EXPECT_EQ(installed.data_dir, fs::path(kScreenDataDir));
  // The same file named on the command line (as the service does) is the same screen.
  EXPECT_EQ(load_config(dir / "." / "ecolobby.toml").data_dir, fs::path(kScreenDataDir));

  std::ofstream(system) << "data_dir = \"screen-data\"\n";
  EXPECT_EQ(load_config(std::nullopt).data_dir, dir / "screen-data");

  // Another file without data_dir is not the screen's: the user's own directory.
  auto other = dir / "mine.toml";
  std::ofstream(other) << "kiosk_id = \"dev\"\n";
  EXPECT_EQ(load_config(other).data_dir, fs::path("/nonexistent/.local/share/ecolobby"));

  ::unsetenv("ECOLOBBY_SYSTEM_CONFIG");
  if (home.empty()) ::unsetenv("HOME"); else ::setenv("HOME", home.c_str(), 1);
  fs::remove_all(dir);
}
