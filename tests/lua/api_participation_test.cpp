// participation: logging what people did and reading counts, leaderboards and streaks back.
#include <gtest/gtest.h>

#include "runtime_rig.h"

using namespace eco;
using namespace eco::lua;

TEST(ApiParticipation, ParticipationRejectsUndeclaredKeysAndPersonalData) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame()
  participation.log("pledge", FIELDS)
end
return P)", "[participation]\nkeys = [\"pledge\", \"note\"]\n");
  fixture::Rig rig;
  for (auto [fields, expect] : std::vector<std::pair<std::string, std::string>>{
           {"{ pledge = 'lights' }", ""},
           {"{ name = '张三' }", "field 'name' is not in the plugin's [participation] keys"},
           {"{ note = '13812345678' }", "looks like a phone number"},
           {"{ note = '50023119900101123X' }", "looks like an ID number"},
           {"{ note = 'a@b.cn' }", "looks like an e-mail address"}}) {
    std::ofstream(f.dir / "main.lua") << "FIELDS = " << fields << "\nlocal P = {}\nfunction P.frame() participation.log('pledge', FIELDS) end\nreturn P\n";
    auto rt = rig.make(f);
    ASSERT_TRUE(rt->start());
    bool ok = rt->frame(rig.painter, FrameInput{}, 0);
    if (expect.empty()) {
      EXPECT_TRUE(ok) << rt->last_error();
    } else {
      EXPECT_FALSE(ok);
      EXPECT_NE(rt->last_error().find(expect), std::string::npos) << rt->last_error();
    }
  }
  EXPECT_EQ(rig.participation.events().size(), 1u);
}

TEST(ApiParticipation, CountsTodayLeaderboardAndStreakReadWhatWasLogged) {
  fixture::PluginFolder f("quiz", R"(
local P = {}
function P.load()
  participation.log("answer", { department = "办公室", score = 3 })
  participation.log("answer", { department = "办公室", score = 5 })
  participation.log("answer", { department = "财务科", score = 4 })
  participation.log("tap")
end
function P.frame()
  ui.text(participation.count("answer") .. " " .. participation.today("answer") .. " " .. participation.count(), 0, 0)
  local rows = {}
  for _, r in ipairs(participation.leaderboard({ kind = "answer", field = "score" })) do
    rows[#rows + 1] = r.key .. "=" .. r.value
  end
  ui.text(table.concat(rows, ","), 0, 40)
  local avg = participation.leaderboard({ kind = "answer", field = "score", average = true, n = 1 })
  ui.text(#avg .. " " .. avg[1].value, 0, 80)
  ui.text(participation.streak("answer") .. " " .. participation.streak("answer", "department", "财务科"), 0, 120)
end
return P)", "[participation]\nkeys = [\"department\", \"score\"]\n");
  fixture::Rig rig;
  // Sums by department, the best average alone (n = 1), and a streak of today only.
  EXPECT_EQ(rig.first_frame(f), (std::vector<std::string>{"3 3 4", "办公室=8.0,财务科=4.0", "1 4.0", "1 1"}));
}
