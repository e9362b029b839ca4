#include "lua/manifest.h"

#include <gtest/gtest.h>

#include "base/toml_reader.h"
#include "plugin_fixture.h"

using namespace eco;
using namespace eco::lua;

namespace {
std::string error_of(const std::string& manifest_text, const std::string& id = "p") {
  fixture::PluginFolder folder(id, "return {}");
  std::ofstream(folder.dir / "plugin.toml") << manifest_text;
  try {
    load_manifest(folder.dir);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(Manifest, ReadsTheExample) {
  Manifest m = load_manifest(std::string(ECOLOBBY_SOURCE_DIR) + "/plugins/example_campaign");
  EXPECT_EQ(m.id, "example_campaign");
  EXPECT_TRUE(m.interactive);
  EXPECT_TRUE(m.allows("participation"));
  EXPECT_EQ(m.memory_bytes, 8u << 20);
  EXPECT_EQ(m.display_name("en"), "Lights-off quick poll");
  EXPECT_EQ(m.settings.at("thank_you_seconds").default_value, 5);
}

TEST(Manifest, BadManifestsNameFileLineAndKey) {
  EXPECT_NE(error_of("version = \"1\"\napi = 1\nname = \"x\"\n").find("key 'id': expected a non-empty string"), std::string::npos);
  EXPECT_NE(error_of("id = \"p\"\nversion = \"1\"\napi = 2\nname = \"x\"\n").find("plugin.toml:3: key 'api': expected 1"), std::string::npos);
  EXPECT_NE(error_of("id = \"p\"\nversion = 1\napi = 1\nname = \"x\"\n").find("key 'version'"), std::string::npos);
  EXPECT_NE(error_of("id = \"p\"\nversion = \"1\"\napi = 1\nname = \"x\"\ninteractive = \"yes\"\n").find("key 'interactive': expected true or false"), std::string::npos);
  EXPECT_NE(error_of("id = \"p\"\nversion = \"1\"\napi = 1\nname = \"x\"\npermissions = [\"shell\"]\n").find("key 'permissions'"), std::string::npos);
  EXPECT_NE(error_of("id = \"p\"\nversion = \"1\"\napi = 1\nname = \"x\"\nmemroy_mb = 4\n").find("unknown key 'memroy_mb'"), std::string::npos);
  EXPECT_NE(error_of("id = \"q\"\nversion = \"1\"\napi = 1\nname = \"x\"\n").find("must match the folder name"), std::string::npos);
  EXPECT_NE(error_of("id = \"p\"\nversion = \"1\"\napi = 1\nname = \"x\"\nmemory_mb = 4096\n").find("key 'memory_mb'"), std::string::npos);
}

TEST(Manifest, AssetNamesCannotLeaveThePluginFolder) {
  fixture::PluginFolder folder("p", "return {}");
  std::ofstream(folder.dir / "logo.png") << "x";
  std::filesystem::create_symlink("/etc", folder.dir / "escape");
  Manifest m = load_manifest(folder.dir);
  EXPECT_TRUE(resolve_asset(m, "logo.png"));
  for (const char* bad : {"../../etc/passwd", "/etc/passwd", "assets/../../x", "escape/passwd", ""})
    EXPECT_FALSE(resolve_asset(m, bad)) << bad;
}

TEST(Manifest, SettingsFromTheScheduleAreChecked) {
  Manifest m = load_manifest(std::string(ECOLOBBY_SOURCE_DIR) + "/plugins/example_campaign");
  auto doc = parse_toml_string("thank_you_seconds = 9\n", "s.toml");
  EXPECT_EQ(resolve_settings(m, doc.get(), "schedule.toml:4")["thank_you_seconds"], 9);
  auto bad = parse_toml_string("thank_you_seconds = 99\n", "s.toml");
  EXPECT_THROW(resolve_settings(m, bad.get(), "schedule.toml:4"), ConfigError);
  auto unknown = parse_toml_string("thank_you_seconds = 9\ncolour = \"red\"\n", "schedule.toml");
  try {
    resolve_settings(m, unknown.get(), "schedule.toml");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "schedule.toml:2: key 'slot.settings.colour': plugin 'example_campaign' has no such setting "
                           "(it has: question_key, thank_you_seconds)");
  }
}

// A schema whose own default breaks it would make every slot's value a guess: refused with file:line.
TEST(Manifest, SettingSchemasThatContradictThemselvesAreRefused) {
  auto setting = [](const std::string& body) {
    return error_of("id = \"p\"\nversion = \"1\"\napi = 1\nname = \"x\"\n[settings.s]\n" + body);
  };
  struct Case {
    const char* body;
    const char* says;
  };
  const Case cases[] = {
      {"type = \"integer\"\ndefault = 90\nmax = 60\n", "plugin.toml:7: key 'settings.s.default': expected an integer of at most 60, got 90"},
      {"type = \"integer\"\ndefault = 0\nmin = 1\nmax = 12\n", "plugin.toml:7: key 'settings.s.default': expected an integer from 1 to 12, got 0"},
      {"type = \"integer\"\ndefault = 5\nmin = 10\nmax = 1\n", "plugin.toml:9: key 'settings.s.max': expected a number of at least min (10), got 1"},
      {"type = \"integer\"\ndefault = \"5\"\n", "plugin.toml:7: key 'settings.s.default': expected a value of type integer, got \"5\""},
      {"type = \"integer\"\ndefault = 2.5\n", "key 'settings.s.default': expected a value of type integer"},
      {"type = \"string\"\ndefault = \"month\"\nchoices = [\"tally\", \"week\"]\n", "plugin.toml:7: key 'settings.s.default': expected one of tally, week, got \"month\""},
      {"type = \"integer\"\ndefault = 1\nchoices = [\"a\"]\n", "key 'settings.s.choices': expected no choices: only string settings have choices"},
      {"type = \"string\"\ndefault = \"a\"\nmax = 3\n", "key 'settings.s.max': expected no max: only integer and number settings have a range"},
      {"type = \"boolean\"\ndefault = true\nmin = 0\n", "key 'settings.s.min': expected no min"},
      {"type = \"colour\"\ndefault = 1\n", "key 'settings.s.type': expected one of string, integer, number, boolean"},
      {"type = \"number\"\ndefault = 0.5\nmin = 0\nmax = 1\nstep = 0.1\n", "unknown key 'settings.s.step'"},
  };
  for (const Case& c : cases) EXPECT_NE(setting(c.body).find(c.says), std::string::npos) << c.body << " → " << setting(c.body);
  EXPECT_EQ(setting("type = \"number\"\ndefault = 1\nmin = 0.5\nmax = 1.5\n"), "") << "an integer default of a number";
  EXPECT_EQ(setting("type = \"string\"\ndefault = \"week\"\nchoices = [\"tally\", \"week\"]\n"), "");
}
