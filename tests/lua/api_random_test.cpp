// random and math.random: one seeded source per plugin, seeded from the plugin, the date and the
// clock's start; math.randomseed reseeds it.
#include <set>

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
end
return P)");
  fixture::Rig rig;
  auto texts = rig.first_frame(f);
  ASSERT_EQ(texts.size(), 4u);
  EXPECT_EQ(texts[0], "true");
  EXPECT_EQ(texts[1], "1,2,3,4,5,6,7,8");
  EXPECT_EQ(texts[2], "nil only");
  EXPECT_NE(texts[3].find("random.int: the interval is empty"), std::string::npos) << texts[3];
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

namespace {
// The first frame's draws of a plugin started on a manual clock that began at `start` (as the
// kiosk's clock begins at --now or at the real start of the program).
std::vector<std::string> draws_on(const fixture::PluginFolder& f, const char* start, std::chrono::hours later = {}) {
  Clock clock{parse_iso8601(start)->utc, 480, 1, Clock::Mode::Manual};
  clock.advance(later);
  MemoryParticipation participation{clock};
  PluginRuntime rt(load_manifest(f.dir), nlohmann::json::object(), clock, Services{&participation, nullptr, nullptr},
                   RuntimeOptions{});
  EXPECT_TRUE(rt.start()) << rt.last_error();
  RecordingPainter painter;
  EXPECT_TRUE(rt.frame(painter, {}, 0)) << rt.last_error();
  std::vector<std::string> out;
  for (const auto& t : painter.texts) out.push_back(t.text);
  return out;
}
}  // namespace

TEST(ApiRandom, FourDaysInTwoYearsGiveFourSequences) {
  fixture::PluginFolder f("p", kDraws);
  std::set<std::vector<std::string>> seen;
  for (const char* day : {"2026-06-24T10:00:00+08:00", "2026-06-25T10:00:00+08:00", "2026-12-31T10:00:00+08:00",
                          "2027-03-01T10:00:00+08:00"})
    seen.insert(draws_on(f, day));
  EXPECT_EQ(seen.size(), 4u);
}

TEST(ApiRandom, TheSameNowRepeatsAndARestartOrALaterDayDoesNot) {
  fixture::PluginFolder f("p", kDraws);
  auto first = draws_on(f, "2026-06-24T10:00:00+08:00");
  EXPECT_EQ(draws_on(f, "2026-06-24T10:00:00+08:00"), first) << "a fixed --now repeats (headless runs, tests)";
  // A restart of the screen later the same morning: its clock starts at another instant.
  EXPECT_NE(draws_on(f, "2026-06-24T10:07:31+08:00"), first);
  // The plugin started again the next day by a kiosk running since yesterday (a content switch).
  EXPECT_NE(draws_on(f, "2026-06-24T10:00:00+08:00", std::chrono::hours(24)), first);
  fixture::PluginFolder other("q", kDraws);
  EXPECT_NE(draws_on(other, "2026-06-24T10:00:00+08:00"), first) << "each plugin has its own sequence";
}

TEST(ApiRandom, RandomseedReproducesASequenceInsideThePlugin) {
  fixture::PluginFolder f("p", R"(
local P = {}
local function eight()
  local t = {}
  for i = 1, 8 do t[#t + 1] = math.random(1, 1000000) end
  return table.concat(t, ",")
end
function P.frame()
  math.randomseed(42)
  local a = eight()
  math.randomseed(42)
  local t = { random.int(1, 1000000) }       -- random.* draws from the same source
  for i = 2, 8 do t[#t + 1] = math.random(1, 1000000) end
  local b = table.concat(t, ",")
  math.randomseed(43)
  local c = eight()
  local x, y = math.randomseed()            -- a fresh seed, returned so it can be repeated
  local d = eight()
  math.randomseed(x, y)
  local e = eight()
  math.randomseed(7.5)
  local f = eight()
  math.randomseed(7.5)
  ui.text(tostring(a == b), 0, 0)
  ui.text(tostring(a ~= c), 0, 40)
  ui.text(tostring(d == e and d ~= a), 0, 80)
  ui.text(tostring(f == eight()), 0, 120)
  ui.text(math.type(math.random(0)), 0, 160)
  ui.text(select(2, pcall(math.randomseed, "x")), 0, 200)
end
return P)");
  fixture::Rig rig;
  auto texts = rig.first_frame(f);
  ASSERT_EQ(texts.size(), 6u) << texts.back();
  EXPECT_EQ(texts[0], "true");
  EXPECT_EQ(texts[1], "true");
  EXPECT_EQ(texts[2], "true");
  EXPECT_EQ(texts[3], "true");
  EXPECT_EQ(texts[4], "integer");
  EXPECT_NE(texts[5].find("number expected"), std::string::npos) << texts[5];
}
