// ui: drawing and widgets, checked through what a recording painter was asked to draw.
#include <gtest/gtest.h>

#include "runtime_rig.h"

using namespace eco;
using namespace eco::lua;

TEST(ApiUi, ButtonFiresOnlyForATapInsideItsTouchArea) {
  fixture::PluginFolder f("p", R"(
local P = { hits = 0 }
function P.frame()
  if ui.button("ok", 100, 100, 40, 40, { label = "好" }) then P.hits = P.hits + 1 end
  ui.text("hits " .. P.hits, 0, 0)
end
return P)");
  fixture::Rig rig;
  auto rt = rig.make(f);
  ASSERT_TRUE(rt->start()) << rt->last_error();
  FrameInput in;
  in.taps = {{120 - 40, 120}};  // outside the 40 px box but inside its 88 px touch area
  rt->frame(rig.painter, in, 0);
  ASSERT_EQ(rt->last_widgets().size(), 1u);
  EXPECT_GE(rt->last_widgets()[0].hit.w, 88);
  rig.painter.clear();
  rt->frame(rig.painter, FrameInput{}, 0);
  EXPECT_EQ(rig.painter.texts.back().text, "hits 1");
  in.taps = {{500, 500}};
  rt->frame(rig.painter, in, 0);
  rig.painter.clear();
  rt->frame(rig.painter, FrameInput{}, 0);
  EXPECT_EQ(rig.painter.texts.back().text, "hits 1");
}

TEST(ApiUi, CanvasSizeFollowsTheScreensOrientation) {
  fixture::PluginFolder f("p", "local P = {}\nfunction P.frame() ui.text(string.format('%dx%d', ui.width, ui.height), 0, 0) end\nreturn P\n");
  fixture::Rig rig;
  EXPECT_EQ(rig.first_frame(f), std::vector<std::string>{"1920x1080"});
  rig.options.set_portrait(true);
  EXPECT_EQ(rig.first_frame(f), std::vector<std::string>{"1080x1920"});
}

TEST(ApiUi, NumbersGetThousandsSeparatorsAndPadShrinksARect) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame()
  ui.number(1234567.891, "kWh", 0, 0, { decimals = 1 })
  local r = ui.pad({ x = 10, y = 20, w = 100, h = 50 }, 5)
  ui.text(r.x .. " " .. r.y .. " " .. r.w .. " " .. r.h, 0, 200)
  local w, h = ui.measure("节能")
  ui.text(tostring(w > 0 and h > 0), 0, 240)
end
return P)");
  fixture::Rig rig;
  EXPECT_EQ(rig.first_frame(f), (std::vector<std::string>{"1,234,567.9", "kWh", "15.0 25.0 90.0 40.0", "true"}));
}
