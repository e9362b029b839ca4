// i18n.t and i18n.language: the plugin's own strings in the screen's language.
#include <gtest/gtest.h>

#include "captured_log.h"
#include "runtime_rig.h"

using namespace eco;
using namespace eco::lua;

namespace {
fixture::PluginFolder with_locales() {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame()
  ui.text(i18n.language, 0, 0)
  ui.text(i18n.t("quiz.score", { score = 4, total = 5 }), 0, 40)
  ui.text(i18n.t("quiz.only_chinese"), 0, 80)
end
return P)");
  f.write_locale("zh-CN", "[quiz]\nscore = \"得分 {score}/{total}\"\nonly_chinese = \"节能\"\n");
  f.write_locale("en", "[quiz]\nscore = \"Score {score} of {total}\"\n");
  return f;
}
}  // namespace

TEST(ApiI18n, StringsOfTheKiosksLanguageWithTheirPlaceholdersFilled) {
  fixture::PluginFolder f = with_locales();
  fixture::Rig rig;
  EXPECT_EQ(rig.first_frame(f), (std::vector<std::string>{"zh-CN", "得分 4/5", "节能"}));
}

TEST(ApiI18n, AnEnglishScreenFallsBackToChineseForAMissingKey) {
  fixture::PluginFolder f = with_locales();
  fixture::Rig rig;
  rig.options.language = "en";
  EXPECT_EQ(rig.first_frame(f), (std::vector<std::string>{"en", "Score 4 of 5", "节能"}));
}

namespace {
// The locale lines logged while `run` runs.
template <typename F>
std::vector<std::string> logged(F run) {
  fixture::CapturedLog log;
  run();
  return log.lines("locale");
}

fixture::PluginFolder with_mistakes() {
  fixture::PluginFolder f("travel", R"(
local P = {}
function P.frame()
  ui.text(i18n.t("travel.titel"), 0, 0)
  ui.text(i18n.t("travel.count"), 0, 40)
  ui.text(i18n.t("travel.only_chinese"), 0, 80)
end
return P)");
  f.write_locale("zh-CN", "[travel]\ncount = \"今天 {cnt} 人\"\nonly_chinese = \"节能\"\n");
  f.write_locale("en", "[travel]\ncount = \"{cnt} today\"\n");
  return f;
}
}  // namespace

TEST(ApiI18n, MistakesAreLoggedOnceNamingThePluginAndInDevModeTheCall) {
  fixture::PluginFolder f = with_mistakes();
  fixture::Rig rig;
  rig.options.language = "en";
  rig.options.dev_mode = true;
  std::vector<std::string> drawn;
  auto lines = logged([&] {
    auto rt = rig.started(f);
    ASSERT_TRUE(rt);
    drawn = rig.frame(*rt);
    rig.frame(*rt);  // the second frame reports nothing new
  });
  EXPECT_EQ(drawn, (std::vector<std::string>{"travel.titel", "{cnt} today", "节能"})) << "the placeholder stays visible";
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "plugin travel: travel/main.lua:4: locale en: missing string 'travel.titel'",
                       "plugin travel: travel/main.lua:5: locale en: string 'travel.count' has a placeholder {cnt} but no "
                       "argument 'cnt'; shown as it is",
                       "plugin travel: travel/main.lua:6: locale en: string 'travel.only_chinese' has no en text; shown in "
                       "Chinese",
                   }));
}

TEST(ApiI18n, OutsideDevModeTheLogStillNamesThePlugin) {
  fixture::PluginFolder f = with_mistakes();
  fixture::Rig rig;
  auto lines = logged([&] {
    auto rt = rig.started(f);
    ASSERT_TRUE(rt);
    rig.frame(*rt);
  });
  ASSERT_EQ(lines.size(), 2u) << ::testing::PrintToString(lines);
  EXPECT_EQ(lines[0], "plugin travel: locale zh-CN: missing string 'travel.titel'");
  EXPECT_EQ(lines[1].rfind("plugin travel: locale zh-CN: string 'travel.count' has a placeholder {cnt}", 0), 0u) << lines[1];
}
