#include "render/line_breaker.h"

#include <gtest/gtest.h>

using namespace eco;

namespace {
// Every character is 10 wide except spaces (5), so widths are easy to reason about.
float width(char32_t c) { return c == U' ' ? 5 : 10; }
}  // namespace

// Whole results, one case a rule.
TEST(LineBreaker, BreaksWhereEachRuleAllows) {
  struct Case {
    const char* rule;
    const char* text;
    float max_width;
    std::vector<std::string> lines;
  };
  const Case cases[] = {
      {"Chinese breaks between any characters", "节约能源资源共建绿色机关", 50, {"节约能源资", "源共建绿色", "机关"}},
      {"Latin words stay whole", "save energy today", 80, {"save", "energy", "today"}},
      {"numbers stay with units: \"26℃\" moves whole", "温度26℃以上", 40, {"温度", "26℃以", "上"}},
  };
  for (const Case& c : cases) EXPECT_EQ(break_lines(c.text, c.max_width, width), c.lines) << c.rule;
}

TEST(LineBreaker, ClosingPunctuationNeverStartsALine) {
  auto lines = break_lines("节约能源资，源共建", 50, width);
  ASSERT_GE(lines.size(), 2u);
  EXPECT_NE(lines[1].rfind("，", 0), 0u) << lines[1];
  EXPECT_EQ(lines[0], "节约能源");  // the comma takes its character along to the next line
  EXPECT_EQ(lines[1], "资，源共建");
}

TEST(LineBreaker, OpeningBracketNeverEndsALine) {
  auto lines = break_lines("一二三四《五六》", 50, width);
  for (const auto& l : lines) EXPECT_NE(l.substr(l.size() >= 3 ? l.size() - 3 : 0), "《") << l;
}

TEST(LineBreaker, OverlongWordIsSplitAndNewlinesKept) {
  auto lines = break_lines("abcdefghij\n\n绿色", 40, width);
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[0], "abcd");
  EXPECT_EQ(lines[2], "ij");
  EXPECT_EQ(lines[3], "");
  EXPECT_EQ(lines[4], "绿色");
}

TEST(LineBreaker, NoWidthMeansNoWrapping) {
  auto lines = break_lines("很长的一句话不换行", 0, width);
  ASSERT_EQ(lines.size(), 1u);
}
