#include "app/input_script.h"

#include <gtest/gtest.h>

#include "base/toml_reader.h"

using namespace eco;

TEST(InputScript, ParsesAndReleasesEventsOnTime) {
  auto s = InputScript::parse("# comment\n500 tap 960 540\n\n100 key F2\n2000 text 你好 world\n", "in.txt");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s.next_at(), 100);
  auto first = s.take_due(499);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].kind, ScriptedInput::Kind::Key);
  EXPECT_EQ(first[0].value, "F2");
  auto second = s.take_due(1999);
  ASSERT_EQ(second.size(), 1u);
  EXPECT_FLOAT_EQ(second[0].x, 960);
  auto third = s.take_due(5000);
  ASSERT_EQ(third.size(), 1u);
  EXPECT_EQ(third[0].value, "你好 world");
  EXPECT_EQ(s.next_at(), -1);
  EXPECT_TRUE(s.take_due(99999).empty());
}

TEST(InputScript, ErrorsNameFileAndLine) {
  for (auto [text, fragment] : std::vector<std::pair<std::string, std::string>>{
           {"10 tap 1\n", "in.txt:1: tap needs x and y"},
           {"\nabc tap 1 2\n", "in.txt:2: bad time 'abc'"},
           {"1 swipe 1 2\n", "in.txt:1: swipe needs x1 y1 x2 y2"},
           {"1 drag 1 2\n", "in.txt:1: unknown event 'drag'"},
           {"-5 key F2\n", "in.txt:1: bad time '-5'"}}) {
    try {
      InputScript::parse(text, "in.txt");
      ADD_FAILURE() << text;
    } catch (const ConfigError& e) {
      EXPECT_EQ(std::string(e.what()).rfind(fragment, 0), 0u) << e.what();
    }
  }
}

TEST(InputScript, ASwipeGoesFromOnePointToAnother) {
  auto s = InputScript::parse("300 swipe 1500 540 300 560\n", "in.txt");
  auto due = s.take_due(300);
  ASSERT_EQ(due.size(), 1u);
  EXPECT_EQ(due[0].kind, ScriptedInput::Kind::Swipe);
  EXPECT_FLOAT_EQ(due[0].x, 1500);
  EXPECT_FLOAT_EQ(due[0].y2, 560);
  EXPECT_FLOAT_EQ(due[0].x2, 300);
}
