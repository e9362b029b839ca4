// random and math.random: one seeded source per plugin.
#include <gtest/gtest.h>

#include "runtime_rig.h"

using namespace eco;
using namespace eco::lua;

namespace {
const char* kDraws = R"(
local P = {}
function P.frame()
  local t = {}
  for i = 1, 8 do t[#t + 1] = random.int(1, 1000000) end
  ui.text(table.concat(t, ","), 0, 0)
end
return P)";
}  // namespace

TEST(ApiRandom, DrawsStayInRangeAndShuffleKeepsEveryElement) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame()
  local ok = true
  for i = 1, 500 do
    local n, x, m = random.int(-2, 2), random.float(), math.random(6)
    ok = ok and n >= -2 and n <= 2 and x >= 0 and x < 1 and m >= 1 and m <= 6 and math.type(n) == "integer"
  end
  ui.text(tostring(ok), 0, 0)
  local t = random.shuffle({ 1, 2, 3, 4, 5, 6, 7, 8 })
  table.sort(t)
  ui.text(table.concat(t, ","), 0, 40)
  ui.text(tostring((random.choice({}))) .. " " .. random.choice({ "only" }), 0, 80)
  ui.text(select(2, pcall(random.int, 5, 1)), 0, 120)
  ui.text(tostring(math.randomseed), 0, 160)
end
return P)");
  fixture::Rig rig;
  auto texts = rig.first_frame(f);
  ASSERT_EQ(texts.size(), 5u);
  EXPECT_EQ(texts[0], "true");
  EXPECT_EQ(texts[1], "1,2,3,4,5,6,7,8");
  EXPECT_EQ(texts[2], "nil only");
  EXPECT_NE(texts[3].find("random.int: the interval is empty"), std::string::npos) << texts[3];
  EXPECT_EQ(texts[4], "nil") << "a plugin cannot reseed the kiosk's source";
}

TEST(ApiRandom, TheSameSeedGivesTheSameDrawsAndAnotherSeedOthers) {
  fixture::PluginFolder f("p", kDraws);
  fixture::Rig rig;
  auto draws = [&] {
    auto rt = rig.make(f);
    EXPECT_TRUE(rt->start()) << rt->last_error();
    return rig.frame(*rt);
  };
  auto first = draws();
  EXPECT_EQ(draws(), first);
  rig.options.seed += 1;
  EXPECT_NE(draws(), first);
}
