#include "lua/plugin_runtime.h"

#include <gtest/gtest.h>
#include <lua.hpp>

#include "lua/memory_services.h"
#include <fstream>
#include <sstream>

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

TEST(Runtime, ContentReadGivesTomlFromTheContentFolderOnlyWithPermission) {
  fixture::PluginFolder f("reader", R"(
local P = {}
function P.load()
  local bank = content.read("quiz/bank.toml")
  P.first = bank.question[1].id .. " " .. #bank.question .. " " .. bank.question[1].answer
  local missing, why = content.read("quiz/none.toml")
  P.missing = tostring(missing) .. " " .. why
  P.escape = select(2, pcall(content.read, "../secret.toml"))
  P.not_toml = select(2, pcall(content.read, "quiz/bank.lua"))
  P.departments = #kiosk.departments .. " " .. kiosk.departments[2]
end
function P.frame()
  ui.text(P.first, 0, 0)
  ui.text(P.missing, 0, 40)
  ui.text(P.escape, 0, 80)
  ui.text(P.not_toml, 0, 120)
  ui.text(P.departments, 0, 160)
end
return P)", "permissions = [\"content\"]\n");
  // The fixture's manifest already lists permissions: replace that line with content only.
  {
    std::ifstream in(f.dir / "plugin.toml");
    std::stringstream s;
    s << in.rdbuf();
    std::string text = s.str();
    text.replace(text.find("permissions = [\"participation\", \"store\", \"data\"]\n"), 49, "");
    std::ofstream(f.dir / "plugin.toml") << text;
  }
  std::filesystem::create_directories(f.root / "content" / "quiz");
  std::ofstream(f.root / "content" / "quiz" / "bank.toml") << "[[question]]\nid = \"ac-01\"\nanswer = 3\n[[question]]\nid = \"ac-02\"\n";
  Rig rig;
  Manifest m = load_manifest(f.dir);
  RuntimeOptions o;
  o.content_dir = f.root / "content";
  o.departments = {"办公室", "财务科"};
  PluginRuntime rt(m, nlohmann::json::object(), rig.clock, Services{&rig.participation, &rig.store, nullptr}, o);
  ASSERT_TRUE(rt.start()) << rt.last_error();
  rt.frame(rig.painter, FrameInput{}, 0);
  ASSERT_EQ(rig.painter.texts.size(), 5u);
  EXPECT_EQ(rig.painter.texts[0].text, "ac-01 2 3");
  EXPECT_EQ(rig.painter.texts[1].text, "nil quiz/none.toml: not found in the content folder");
  EXPECT_NE(rig.painter.texts[2].text.find("must be a .toml file inside the content folder"), std::string::npos);
  EXPECT_NE(rig.painter.texts[3].text.find("must be a .toml file"), std::string::npos);
  EXPECT_EQ(rig.painter.texts[4].text, "2 财务科");

  fixture::PluginFolder denied("denied", "local P = {}\nfunction P.load() content.read('quiz/bank.toml') end\nreturn P\n");
  Manifest dm = load_manifest(denied.dir);
  PluginRuntime drt(dm, nlohmann::json::object(), rig.clock, Services{&rig.participation, &rig.store, nullptr}, o);
  EXPECT_FALSE(drt.start());
  EXPECT_NE(drt.last_error().find("needs permissions = [\"content\"]"), std::string::npos) << drt.last_error();
}

TEST(Runtime, AnIdlePluginRedrawsAtTheNextMinuteAndEverySecondWhileInUse) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame() ui.text("x", 0, 0) end
return P)");
  Rig rig;
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
