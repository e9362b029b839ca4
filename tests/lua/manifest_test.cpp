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
  auto unknown = parse_toml_string("colour = \"red\"\n", "s.toml");
  try {
    resolve_settings(m, unknown.get(), "schedule.toml:4");
    FAIL();
  } catch (const ConfigError& e) {
    EXPECT_STREQ(e.what(), "schedule.toml:4: setting 'colour' is not declared by plugin 'example_campaign'");
  }
}
