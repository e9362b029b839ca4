#include "lua/plugin_runtime.h"

#include <gtest/gtest.h>
#include <lua.hpp>

#include "lua/memory_services.h"
#include "plugin_fixture.h"
#include "render/recording_painter.h"

using namespace eco;
using namespace eco::lua;

namespace {
struct Rig {
  Clock clock{parse_iso8601("2026-06-24T10:00:00+08:00")->utc, 480, 1, Clock::Mode::Manual};
  MemoryParticipation participation{clock};
  MemoryKeyValue store{1024};
  RecordingPainter painter;
  std::unique_ptr<PluginRuntime> make(const fixture::PluginFolder& f) {
    Manifest m = load_manifest(f.dir);
    RuntimeOptions o;
    o.limits.memory_bytes = m.memory_bytes;
    return std::make_unique<PluginRuntime>(m, nlohmann::json::object(), clock, Services{&participation, &store, nullptr}, o);
  }
};
}  // namespace

TEST(Runtime, ButtonFiresOnlyForATapInsideItsTouchArea) {
  fixture::PluginFolder f("p", R"(
local P = { hits = 0 }
function P.frame()
  if ui.button("ok", 100, 100, 40, 40, { label = "好" }) then P.hits = P.hits + 1 end
  ui.text("hits " .. P.hits, 0, 0)
end
return P)");
  Rig rig;
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

TEST(Runtime, ParticipationRejectsUndeclaredKeysAndPersonalData) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame()
  participation.log("pledge", FIELDS)
end
return P)", "[participation]\nkeys = [\"pledge\", \"note\"]\n");
  Rig rig;
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

TEST(Runtime, StoreIsCappedAndPermissionsAreEnforced) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame() store.set("big", string.rep("x", 5000)) end
return P)");
  Rig rig;
  auto rt = rig.make(f);
  ASSERT_TRUE(rt->start());
  EXPECT_FALSE(rt->frame(rig.painter, FrameInput{}, 0));
  EXPECT_NE(rt->last_error().find("store.set('big'): store: over the plugin's 1 KB"), std::string::npos) << rt->last_error();

  fixture::PluginFolder g("q", "local P = {} function P.frame() data.snapshot() end return P");
  std::ofstream(g.dir / "plugin.toml") << "id = \"q\"\nversion = \"1\"\napi = 1\nname = \"q\"\n";
  auto rq = rig.make(g);
  ASSERT_TRUE(rq->start());
  EXPECT_FALSE(rq->frame(rig.painter, FrameInput{}, 0));
  EXPECT_NE(rq->last_error().find("needs permissions = [\"data\"]"), std::string::npos) << rq->last_error();
}

TEST(Runtime, TimersFocusAndSeededRandomness) {
  fixture::PluginFolder f("p", R"(
local P = { fired = 0 }
function P.enter()
  kiosk.focus()
  kiosk.after(2, function() P.fired = P.fired + 1; kiosk.release() end)
  P.pick = random.int(1, 1000000)
end
function P.frame() ui.text(P.fired .. ":" .. P.pick, 0, 0) end
return P)");
  Rig rig;
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

TEST(Runtime, IdlePluginStateIsSmall) {
  Rig rig;
  fixture::PluginFolder f("p", "local P = {} function P.frame() end return P");
  auto rt = rig.make(f);
  ASSERT_TRUE(rt->start());
  EXPECT_LT(rt->memory_used(), 2u << 20);
}
