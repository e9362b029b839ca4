// A plugin's locale files against each other and against the i18n.t calls of its Lua code.
#include "lua/locale_checks.h"

#include <gtest/gtest.h>

#include <fstream>

#include "plugin_fixture.h"

using namespace eco;
using namespace eco::lua;

namespace {

struct Locales {
  fixture::PluginFolder folder;
  Locales(const std::string& main_lua, const std::string& zh, const std::optional<std::string>& en)
      : folder("travel", main_lua) {
    folder.write_locale("zh-CN", zh);
    if (en) folder.write_locale("en", *en);
  }
  CheckReport check() const {
    CheckReport r;
    check_plugin_locales(load_manifest(folder.dir), r);
    return r;
  }
  std::string main() const { return (folder.dir / "main.lua").string(); }
  std::string file(const char* name) const { return (folder.dir / "locale" / name).string(); }
};

const char* kZh = "[travel]\ntitle = \"绿色出行打卡\"\ncount = \"今天已有 {cnt} 人打卡\"\n";
const char* kEn = "[travel]\ntitle = \"Green commute\"\ncount = \"{cnt} check-ins today\"\n";

}  // namespace

TEST(LocaleChecks, MatchingFilesAndCallsPass) {
  Locales l("return { frame = function() ui.text(i18n.t('travel.title'), 0, 0)\n"
            "ui.text(i18n.t('travel.count', { cnt = n }), 0, 40) end }", kZh, kEn);
  CheckReport r = l.check();
  EXPECT_TRUE(r.errors.empty()) << r.errors.front();
  EXPECT_TRUE(r.warnings.empty());
}

TEST(LocaleChecks, AMisspeltKeyNamesTheLuaFileAndLineOnce) {
  Locales l("local P = {}\nfunction P.frame()\n  ui.text(i18n.t(\"travel.titel\"), 0, 0)\n"
            "  ui.text(i18n.t(\"travel.titel\"), 0, 50)\nend\nreturn P\n", kZh, kEn);
  CheckReport r = l.check();
  ASSERT_EQ(r.errors.size(), 1u) << "one message, at the first use";
  EXPECT_EQ(r.errors[0], l.main() + ":3: i18n key 'travel.titel' is not in locale/zh-CN.toml, locale/en.toml");
}

TEST(LocaleChecks, AKeyMissingFromEnglishIsAnErrorAtItsChineseLine) {
  Locales l("return {}", kZh, "[travel]\ntitle = \"Green commute\"\n");
  CheckReport r = l.check();
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_EQ(r.errors[0], l.file("zh-CN.toml") + ":3: key 'travel.count' is not in locale/en.toml");
}

TEST(LocaleChecks, AKeyUsedInLuaAndMissingFromOneFileIsReportedOnceAtTheCall) {
  Locales l("return { frame = function()\n  ui.text(i18n.t('travel.count', {cnt = 1}), 0, 0) end }", kZh,
            "[travel]\ntitle = \"Green commute\"\n");
  CheckReport r = l.check();
  ASSERT_EQ(r.errors.size(), 1u) << r.errors.back();
  EXPECT_EQ(r.errors[0], l.main() + ":2: i18n key 'travel.count' is not in locale/en.toml");
}

TEST(LocaleChecks, PlaceholdersMustMatchBetweenLocalesAndTheCallsArguments) {
  Locales l("return { frame = function()\n  ui.text(i18n.t('travel.count'), 0, 0)\n"
            "  ui.text(i18n.t('travel.count', {count = 3}), 0, 0)\n  ui.text(i18n.t('travel.count', args), 0, 0) end }",
            kZh, "[travel]\ntitle = \"Green commute\"\ncount = \"{count} check-ins today\"\n");
  CheckReport r = l.check();
  ASSERT_EQ(r.errors.size(), 3u) << ::testing::PrintToString(r.errors);
  EXPECT_EQ(r.errors[0], l.main() + ":2: i18n key 'travel.count' has {cnt}, {count} but the call gives no such "
                                    "argument: the screen would show it as it is");
  EXPECT_EQ(r.errors[1], l.main() + ":3: i18n key 'travel.count' has {cnt} but the call gives no such argument: the "
                                    "screen would show it as it is");
  EXPECT_EQ(r.errors[2], l.file("en.toml") + ":3: key 'travel.count' has placeholders {count} where zh-CN.toml:3 has {cnt}");
}

TEST(LocaleChecks, MissingAndMalformedFiles) {
  {
    Locales l("return { frame = function() ui.text(i18n.t('travel.title'), 0, 0) end }", kZh, std::nullopt);
    CheckReport r = l.check();
    EXPECT_TRUE(r.errors.empty());
    ASSERT_EQ(r.warnings.size(), 1u);
    EXPECT_NE(r.warnings[0].find("en.toml is missing"), std::string::npos);
  }
  {
    fixture::PluginFolder f("travel", "return { frame = function()\n ui.text(i18n.t('travel.title'), 0, 0) end }");
    CheckReport r;
    check_plugin_locales(load_manifest(f.dir), r);
    ASSERT_EQ(r.errors.size(), 1u);
    EXPECT_EQ(r.errors[0], (f.dir / "main.lua").string() + ":2: i18n key 'travel.title': the plugin has no "
                                                           "locale/zh-CN.toml, so the screen shows the key itself");
  }
  {
    Locales l("return { frame = function() ui.text(i18n.t('travel.title'), 0, 0) end }", "[travel\ntitle = 1\n", kEn);
    CheckReport r = l.check();
    ASSERT_EQ(r.errors.size(), 1u) << "the parse error alone: " << ::testing::PrintToString(r.errors);
    EXPECT_EQ(r.errors[0].rfind(l.file("zh-CN.toml") + ":1", 0), 0u) << r.errors[0];
  }
}

TEST(LocaleChecks, TheBundledPluginsPass) {
  for (const auto& e : std::filesystem::directory_iterator(std::string(ECOLOBBY_SOURCE_DIR) + "/plugins")) {
    if (!std::filesystem::exists(e.path() / "plugin.toml")) continue;
    CheckReport r;
    check_plugin_locales(load_manifest(e.path()), r);
    EXPECT_TRUE(r.errors.empty()) << e.path() << ": " << ::testing::PrintToString(r.errors);
  }
}
