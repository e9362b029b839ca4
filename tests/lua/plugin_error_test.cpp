// The error card's and `plugin run`'s hint for the common mistakes, in both languages.
#include <gtest/gtest.h>

#include "lua/plugin_error.h"
#include "lua/plugin_scene.h"
#include "runtime_rig.h"

using namespace eco;
using namespace eco::lua;

namespace {
Locale screen(const std::string& lang) { return Locale::load(std::string(ECOLOBBY_SOURCE_DIR) + "/assets/locale", lang); }
}  // namespace

TEST(PluginError, SummaryIsTheMessageWithoutTheTraceback) {
  EXPECT_EQ(error_summary("in frame(): quiz/main.lua:86: attempt to index a nil value (local 't')\nstack traceback:\n\t[C]: in ?"),
            "in frame(): quiz/main.lua:86: attempt to index a nil value (local 't')");
}

TEST(PluginError, EachCommonClassHasAHintInChineseAndEnglish) {
  struct Case {
    std::string failure, zh, en;
  };
  std::vector<Case> cases = {
      {"CPU limit of 5 ms per frame reached in frame(): q/main.lua:9: interrupted", "kiosk.after", "kiosk.every"},
      {"memory limit of 4 MB reached in frame(): not enough memory", "memory_mb", "memory_mb"},
      {"in frame(): q/main.lua:86: attempt to index a nil value (local 't')", "nil", "nil"},
      {"in frame(): q/main.lua:3: attempt to call a nil value (field 'txt')", "拼写", "spelling"},
      {"syntax error: q/main.lua:12: 'end' expected (to close 'function' at line 3) near <eof>", "第 12 行", "line 12"},
  };
  Locale zh = screen("zh-CN"), en = screen("en");
  for (const auto& c : cases) {
    EXPECT_NE(error_hint(c.failure, zh).find(c.zh), std::string::npos) << c.failure << " → " << error_hint(c.failure, zh);
    EXPECT_NE(error_hint(c.failure, en).find(c.en), std::string::npos) << c.failure << " → " << error_hint(c.failure, en);
  }
  EXPECT_EQ(error_hint("in frame(): q/main.lua:2: boom", en), "");
}

// The card a failed plugin leaves: in dev mode (and `plugin run`) the message with file:line and
// the hint; otherwise only the neutral line, the detail staying in the log.
TEST(PluginError, TheErrorCardShowsFileLineAndHintOnlyInDevMode) {
  fixture::PluginFolder f("carded", "local P = {}\nfunction P.frame()\n  local t = nil; ui.text(t.title, 0, 0)\nend\nreturn P\n");
  Locale en = screen("en");
  Config config;
  for (bool dev : {true, false}) {
    fixture::Rig rig;
    rig.options.dev_mode = dev;
    auto rt = rig.started(f);
    ASSERT_TRUE(rt);
    PluginScene scene(std::move(rt));
    FrameInput input;
    SceneContext ctx{rig.clock, rig.clock.local_now(), 0, input, en, config};
    scene.enter(ctx);
    rig.painter.clear();
    scene.frame(ctx, rig.painter);
    std::string texts;
    for (const auto& t : rig.painter.texts) texts += t.text + "\n";
    EXPECT_NE(texts.find(en.t("plugin.error_card")), std::string::npos) << texts;
    EXPECT_EQ(texts.find("carded/main.lua:3: attempt to index a nil value (local 't')") != std::string::npos, dev) << texts;
    EXPECT_EQ(texts.find("Check that the data is there before drawing it") != std::string::npos, dev) << texts;
    EXPECT_EQ(texts.find("stack traceback"), std::string::npos) << texts;
  }
}
