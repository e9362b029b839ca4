// The error card's and `plugin run`'s hint for the common mistakes, in both languages.
#include <gtest/gtest.h>

#include "lua/plugin_error.h"

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
