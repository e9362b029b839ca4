// Literal i18n.t keys and argument names, read from Lua source without running it.
#include "lua/i18n_calls.h"

#include <gtest/gtest.h>

using namespace eco::lua;

namespace {
using Names = std::set<std::string>;
}

TEST(I18nCalls, LiteralKeysWithTheirLinesAndArgumentNames) {
  auto calls = find_i18n_calls(R"lua(local P = {}
function P.frame()
  ui.text(i18n.t("travel.title"), 0, 0)
  ui.text(i18n.t('travel.count', { cnt = n, ["total"] = 3 }), 0, 40)
  ui.text(i18n.t("travel.week", {share = math.floor(x * 100), f(y), dept = t[1]}), 0, 80)
  ui.text(i18n.t "travel.plain", 0, 120)
end
return P)lua");
  ASSERT_EQ(calls.size(), 4u);
  EXPECT_EQ(calls[0].key, "travel.title");
  EXPECT_EQ(calls[0].line, 3);
  EXPECT_EQ(calls[0].args, Names{});
  EXPECT_EQ(calls[1].key, "travel.count");
  EXPECT_EQ(calls[1].args, std::nullopt) << "a computed ([…] =) key: the arguments are not statically visible";
  EXPECT_EQ(calls[2].args, (Names{"share", "dept"}));
  EXPECT_EQ(calls[3].key, "travel.plain");
  EXPECT_EQ(calls[3].line, 6);
}

TEST(I18nCalls, CommentsStringsAndComputedKeysAreNotCalls) {
  auto calls = find_i18n_calls(R"lua(-- i18n.t("in.a.comment")
--[[ i18n.t("in.a.long.comment")
]]
local s = "i18n.t('in.a.string')"
local l = [==[
i18n.t("in.a.long.string") ]==]
local k = i18n.t("tip." .. n)
local v = i18n.t(name)
local a = i18n.t("with.variable.args", args)
local e = i18n.t("escaped\"key")
local last = i18n.t("real.one", nil)
)lua");
  ASSERT_EQ(calls.size(), 2u) << "\"tip.\" .. n is not the key \"tip.\"";
  EXPECT_EQ(calls[0].key, "with.variable.args");
  EXPECT_EQ(calls[0].args, std::nullopt);
  EXPECT_EQ(calls[1].key, "real.one");
  EXPECT_EQ(calls[1].line, 11);
  EXPECT_EQ(calls[1].args, Names{});
}
