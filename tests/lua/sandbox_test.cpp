// Every hostile or broken plugin in tests/lua/sandbox/ is stopped and reported, and the host
// (this process, standing in for the kiosk) keeps going with a usable Lua state.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <lua.hpp>

#include "lua/memory_services.h"
#include "lua/plugin_runtime.h"
#include "plugin_fixture.h"
#include "render/recording_painter.h"

namespace fs = std::filesystem;
using namespace eco;
using namespace eco::lua;

namespace {

struct Case {
  std::string name, phase, expect, source;
  int frame_ms = 0;  // "-- frame_ms: N": the CPU budget, when a case tests another limit
};
// A stable name for CTest: the default byte dump holds heap addresses that differ per run.
void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

std::vector<Case> load_cases() {
  std::vector<Case> out;
  for (const auto& e : fs::directory_iterator(fs::path(ECOLOBBY_SOURCE_DIR) / "tests/lua/sandbox")) {
    std::ifstream in(e.path());
    std::stringstream s;
    s << in.rdbuf();
    Case c{e.path().stem().string(), "", "", s.str(), 0};
    std::istringstream lines(c.source);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.rfind("-- phase: ", 0) == 0) c.phase = line.substr(10);
      if (line.rfind("-- expect: ", 0) == 0) c.expect = line.substr(11);
      if (line.rfind("-- frame_ms: ", 0) == 0) c.frame_ms = std::stoi(line.substr(13));
    }
    out.push_back(c);
  }
  std::sort(out.begin(), out.end(), [](const Case& a, const Case& b) { return a.name < b.name; });
  return out;
}

class Sandbox : public ::testing::TestWithParam<Case> {};

}  // namespace

TEST_P(Sandbox, StoppedReportedAndHostKeepsGoing) {
  const Case& c = GetParam();
  fixture::PluginFolder folder("hostile", c.source);
  Manifest m = load_manifest(folder.dir);
  Clock clock(parse_iso8601("2026-06-24T10:00:00+08:00")->utc, 480, 1, Clock::Mode::Manual);
  MemoryParticipation participation(clock);
  MemoryKeyValue store;
  RuntimeOptions options;
  options.limits.memory_bytes = m.memory_bytes;
  if (c.frame_ms > 0) options.limits.frame_budget = std::chrono::milliseconds(c.frame_ms);
  PluginRuntime rt(m, nlohmann::json::object(), clock, {&participation, &store, nullptr}, options);
  RecordingPainter painter;
  FrameInput input;

  auto t0 = std::chrono::steady_clock::now();
  bool started = rt.start();
  if (c.phase == "load") {
    EXPECT_FALSE(started);
    EXPECT_NE(rt.last_error().find(c.expect), std::string::npos) << rt.last_error();
    return;
  }
  ASSERT_TRUE(started) << rt.last_error();
  rt.enter();
  if (c.expect == "none") {
    EXPECT_TRUE(rt.frame(painter, input, 0.033f)) << rt.last_error();
    EXPECT_EQ(painter.clip_depth, 0) << "the host must unwind clips the plugin left pushed";
    EXPECT_TRUE(rt.last_error().empty()) << rt.last_error();
    return;
  }
  // Each failing frame is reported; the third within a minute disables the plugin.
  for (int i = 0; i < 6 && !rt.disabled(); ++i) {
    if (c.phase == "enter") rt.enter();
    else if (c.phase == "leave") rt.leave();
    else rt.frame(painter, input, 0.033f);
    clock.advance(std::chrono::seconds(1));
  }
  EXPECT_NE(rt.last_error().find(c.expect), std::string::npos) << rt.last_error();
  // Lua raises out-of-memory without a position; every other error names file:line.
  if (rt.last_error().find("memory limit") == std::string::npos) {
    EXPECT_NE(rt.last_error().find("hostile/main.lua:"), std::string::npos) << "file:line expected: " << rt.last_error();
  }
  EXPECT_TRUE(rt.disabled());
  EXPECT_FALSE(rt.frame(painter, input, 0.033f));  // disabled: not called again
  EXPECT_EQ(painter.clip_depth, 0);
  // Far below the 3 × 5 ms budgets plus overhead: the limits cut the plugin short.
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
  // The state is still usable by the host after a limit hit.
  lua_State* L = rt.state();
  ASSERT_EQ(luaL_dostring(L, "after = 41 + 1"), LUA_OK) << lua_tostring(L, -1);
  lua_getglobal(L, "after");
  EXPECT_EQ(lua_tointeger(L, -1), 42);
  lua_pop(L, 1);
  EXPECT_FALSE(fs::exists("/tmp/ecolobby-pwned"));
}

INSTANTIATE_TEST_SUITE_P(Cases, Sandbox, ::testing::ValuesIn(load_cases()),
                         [](const ::testing::TestParamInfo<Case>& info) { return info.param.name; });

// The allow-list's omissions (lua/sandbox.cpp) hold: each is absent from a fresh state, and
// each says why.
TEST(SandboxAllowList, EveryOmissionIsAbsentAndGivesAReason) {
  Budget budget(32u << 20);
  StatePtr state = new_sandboxed_state(budget);
  lua_State* L = state.get();
  ASSERT_FALSE(sandbox_omissions().empty());
  for (const Omission& o : sandbox_omissions()) {
    std::string name = std::string(o.library) + (o.function ? std::string(".") + o.function : "");
    EXPECT_GT(std::string(o.reason).size(), 10u) << name;
    lua_getglobal(L, o.library);
    if (o.function && lua_istable(L, -1)) lua_getfield(L, -1, o.function);
    EXPECT_TRUE(lua_isnil(L, -1)) << name << " is still there";
    lua_settop(L, 0);
  }
  lua_getglobal(L, "string");
  lua_getfield(L, -1, "format");
  EXPECT_TRUE(lua_isfunction(L, -1)) << "the rest of an opened library stays";
}
