// store.get and store.set: small persistent values per plugin, within a cap.
#include <gtest/gtest.h>

#include "runtime_rig.h"

using namespace eco;
using namespace eco::lua;

TEST(ApiStore, StoreIsCappedAndPermissionsAreEnforced) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.frame() store.set("big", string.rep("x", 5000)) end
return P)");
  fixture::Rig rig;
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

TEST(ApiStore, ValuesComeBackAsTheyWereSetAndSurviveARestart) {
  fixture::PluginFolder f("p", R"(
local P = {}
function P.load()
  if store.get("visits") == nil then
    store.set("visits", 1)
    store.set("best", { name = "一号楼", scores = { 3, 5 } })
    store.set("gone", "soon")
  else
    store.set("visits", store.get("visits") + 1)
  end
  store.set("gone", nil)
end
function P.frame()
  local best = store.get("best")
  ui.text(store.get("visits") .. " " .. best.name .. " " .. best.scores[2], 0, 0)
  ui.text(tostring(store.get("gone")) .. " " .. store.get("missing", "default"), 0, 40)
end
return P)");
  fixture::Rig rig;
  EXPECT_EQ(rig.first_frame(f), (std::vector<std::string>{"1 一号楼 5", "nil default"}));
  auto again = rig.make(f);  // the same store: a reload or a restart
  ASSERT_TRUE(again->start()) << again->last_error();
  EXPECT_EQ(rig.frame(*again), (std::vector<std::string>{"2 一号楼 5", "nil default"}));
}

TEST(ApiStore, EachPluginHasItsOwnKeys) {
  fixture::PluginFolder a("a", "local P = {}\nfunction P.load() store.set('k', 'from a') end\nfunction P.frame() end\nreturn P\n");
  fixture::PluginFolder b("b", "local P = {}\nfunction P.frame() ui.text(tostring(store.get('k')), 0, 0) end\nreturn P\n");
  fixture::Rig rig;
  auto ra = rig.started(a);
  ASSERT_TRUE(ra);
  auto rb = rig.started(b);
  ASSERT_TRUE(rb);
  EXPECT_EQ(rig.frame(*rb), std::vector<std::string>{"nil"});
}
