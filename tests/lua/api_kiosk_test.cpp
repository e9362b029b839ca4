// kiosk: focus and release, timers on the kiosk clock, settings, plugin_id and departments.
#include <gtest/gtest.h>

#include "runtime_rig.h"

using namespace eco;
using namespace eco::lua;

TEST(ApiKiosk, TimersFocusAndSeededRandomness) {
  fixture::PluginFolder f("p", R"(
local P = { fired = 0 }
function P.enter()
  kiosk.focus()
  kiosk.after(2, function() P.fired = P.fired + 1; kiosk.release() end)
  P.pick = random.int(1, 1000000)
end
function P.frame() ui.text(P.fired .. ":" .. P.pick, 0, 0) end
return P)");
  fixture::Rig rig;
  auto rt = rig.make(f);
  ASSERT_TRUE(rt->start());
  rt->enter();
  EXPECT_EQ(rt->take_focus_request(), FocusRequest::Take);
  EXPECT_LE(rt->next_frame_in(), std::chrono::milliseconds(2000));
  rt->frame(rig.painter, FrameInput{}, 0);
  std::string first = rig.painter.texts.back().text;
  EXPECT_EQ(first.substr(0, 2), "0:");
  rig.clock.advance(std::chrono::milliseconds(2100));
  rt->frame(rig.painter, FrameInput{}, 0);
  EXPECT_EQ(rig.painter.texts.back().text.substr(0, 2), "1:");
  EXPECT_EQ(rt->take_focus_request(), FocusRequest::Release);
  // The same seed gives the same pick.
  auto again = rig.make(f);
  again->start();
  again->enter();
  again->frame(rig.painter, FrameInput{}, 0);
  EXPECT_EQ(rig.painter.texts.back().text.substr(2), first.substr(2));
}

TEST(ApiKiosk, EveryRepeatsUntilCancelled) {
  fixture::PluginFolder f("p", R"(
local P = { ticks = 0 }
function P.enter()
  P.id = kiosk.every(1, function()
    P.ticks = P.ticks + 1
    if P.ticks == 3 then kiosk.cancel(P.id) end
  end)
end
function P.frame() ui.text(tostring(P.ticks), 0, 0) end
return P)");
  fixture::Rig rig;
  auto rt = rig.started(f);
  ASSERT_TRUE(rt);
  rt->enter();
  std::vector<std::string> seen;
  for (int i = 0; i < 5; ++i) {
    rig.clock.advance(std::chrono::milliseconds(1010));
    seen.push_back(rig.frame(*rt).at(0));
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"1", "2", "3", "3", "3"}));
}

TEST(ApiKiosk, SettingsPluginIdAndDepartmentsAreReadOnly) {
  fixture::PluginFolder f("greeter", R"(
local P = {}
function P.frame()
  ui.text(settings.greeting .. " " .. kiosk.settings.greeting .. " " .. kiosk.plugin_id .. " " .. #kiosk.departments, 0, 0)
  ui.text(tostring(pcall(function() settings.greeting = "x" end)), 0, 40)
  ui.text(tostring(pcall(function() kiosk.focus = nil end)), 0, 80)
  ui.text(tostring((kiosk.campaign())), 0, 120)  -- no content: no campaign
end
return P)");
  fixture::Rig rig;
  rig.options.departments = {"办公室"};
  auto rt = rig.started(f, {{"greeting", "你好"}});
  ASSERT_TRUE(rt);
  EXPECT_EQ(rig.frame(*rt), (std::vector<std::string>{"你好 你好 greeter 1", "false", "false", "nil"}));
}
