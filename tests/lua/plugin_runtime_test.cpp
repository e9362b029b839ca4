#include "lua/plugin_runtime.h"

#include <gtest/gtest.h>

#include "runtime_rig.h"

using namespace eco;
using namespace eco::lua;

TEST(Runtime, IdlePluginStateIsSmall) {
  fixture::Rig rig;
  fixture::PluginFolder f("p", "local P = {} function P.frame() end return P");
  auto rt = rig.make(f);
  ASSERT_TRUE(rt->start());
  EXPECT_LT(rt->memory_used(), 2u << 20);
}

TEST(Runtime, AnIdlePluginRedrawsAtTheNextMinuteAndEverySecondWhileInUse) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame() ui.text("x", 0, 0) end
return P)");
  fixture::Rig rig;
  rig.clock.advance(std::chrono::milliseconds(20'500));  // 10:00:20.5
  auto rt = rig.make(f);
  ASSERT_TRUE(rt->start());
  rt->enter();
  EXPECT_EQ(rt->next_frame_in(false), std::chrono::milliseconds(39'500)) << "nobody there: at 10:01:00";
  EXPECT_EQ(rt->next_frame_in(true), std::chrono::milliseconds(1000)) << "someone is using it";
  fixture::PluginFolder timed("t", R"(
local P = {}
function P.enter() kiosk.after(5, function() end) end
function P.frame() ui.text("x", 0, 0) end
return P)");
  auto rt2 = rig.make(timed);
  ASSERT_TRUE(rt2->start());
  rt2->enter();
  EXPECT_EQ(rt2->next_frame_in(false), std::chrono::milliseconds(5000)) << "its timer comes first";
}
