// i18n.t and i18n.language: the plugin's own strings in the screen's language.
#include <gtest/gtest.h>

#include <fstream>

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
  std::filesystem::create_directories(f.dir / "locale");
  std::ofstream(f.dir / "locale" / "zh-CN.toml") << "[quiz]\nscore = \"得分 {score}/{total}\"\nonly_chinese = \"节能\"\n";
  std::ofstream(f.dir / "locale" / "en.toml") << "[quiz]\nscore = \"Score {score} of {total}\"\n";
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
