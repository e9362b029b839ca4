// `ecolobby plugin test` (issue #19): a case fails when the plugin fails, whatever callback it
// fails in, unless it expects the error; the harness runs on the screen's services and checks.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "captured_log.h"
#include "lua/plugin_test_harness.h"
#include "plugin_fixture.h"

using namespace eco;
using namespace eco::lua;
namespace fs = std::filesystem;

namespace {

// A plugin folder with one test file; what `plugin test` prints for it.
struct TestRun {
  TestSummary summary;
  std::string out;
};

using LocaleFiles = std::map<std::string, std::string>;  // "zh-CN" → the file's text

TestRun run_tests(const std::string& main_lua, const std::string& tests, const std::string& manifest = "",
                  Config config = Config{}, const LocaleFiles& locale = {}) {
  fixture::PluginFolder f("probe", main_lua, manifest);
  for (const auto& [lang, text] : locale) f.write_locale(lang, text);
  fs::create_directories(f.dir / "tests");
  std::ofstream(f.dir / "tests" / "probe_test.lua") << tests;
  if (config.data_dir.empty()) config.data_dir = f.root / "data";
  PluginTestHarness harness(f.dir, config);
  std::ostringstream out;
  TestRun r;
  r.summary = harness.run(out);
  r.out = out.str();
  return r;
}

constexpr const char* kDrawsNothing = "local P = {}\nfunction P.frame() end\nreturn P\n";

}  // namespace

// Every callback a plugin has: an error there fails the case, naming main.lua's line.
TEST(PluginTest, AnErrorInAnyCallbackFailsTheCaseWithFileAndLine) {
  struct Case {
    const char* callback;
    std::string main_lua, steps;
  };
  const std::string nil_index = "local t = nil; local y = t.x";
  std::vector<Case> cases = {
      {"load", "local P = {}\nfunction P.load()\n" + nil_index + "\nend\nreturn P\n", "test.frame()"},
      {"enter", "local P = {}\nfunction P.enter()\n" + nil_index + "\nend\nreturn P\n", "test.frame()"},
      {"frame", "local P = {}\nfunction P.frame()\n" + nil_index + "\nend\nreturn P\n", "test.frame()"},
      {"leave", "local P = {}\nfunction P.leave()\n" + nil_index + "\nend\nreturn P\n", "test.leave()"},
      {"on_data", "local P = {}\nfunction P.on_data(s)\n" + nil_index + "\nend\nreturn P\n",
       "test.set_data({total = {}}); test.frame()"},
      {"timer", "local P = {}\nfunction P.enter() kiosk.after(2, function()\n" + nil_index + "\nend) end\nreturn P\n",
       "test.advance(3)"},
      {"tap", "local P = {}\nfunction P.frame() if ui.button('go', 100, 100, 200, 100, {label = '开始'}) then\n" +
                  nil_index + "\nend\nend\nreturn P\n",
       "test.frame(); test.tap('开始')"},
      {"main chunk", "local P = {}\n\n" + nil_index + "\nreturn P\n", "test.frame()"},
  };
  for (const auto& c : cases) {
    TestRun r = run_tests(c.main_lua, "test.case('it runs', function() " + c.steps + " end)\n");
    EXPECT_EQ(r.summary.failed, 1) << c.callback << "\n" << r.out;
    EXPECT_EQ(r.summary.passed, 0) << c.callback;
    EXPECT_NE(r.out.find("the plugin failed:"), std::string::npos) << c.callback << "\n" << r.out;
    EXPECT_NE(r.out.find("probe/main.lua:3: attempt to index a nil value (local 't')"), std::string::npos)
        << c.callback << "\n" << r.out;
  }
}

TEST(PluginTest, AMisspeltGlobalAndASyntaxErrorFail) {
  TestRun misspelt = run_tests("local P = {}\nfunction P.frame()\n  ui.txt('hi', 0, 0)\nend\nreturn P\n",
                           "test.case('draws', function() test.frame() end)\n");
  EXPECT_EQ(misspelt.summary.failed, 1) << misspelt.out;
  EXPECT_NE(misspelt.out.find("probe/main.lua:3:"), std::string::npos) << misspelt.out;

  TestRun syntax = run_tests("local P = {}\nfunction P.frame()\n  if true then\nend\nreturn P\n",
                         "test.case('draws', function() test.frame() end)\n");
  EXPECT_EQ(syntax.summary.failed, 1) << syntax.out;
  EXPECT_NE(syntax.out.find("syntax error: probe/main.lua:"), std::string::npos) << syntax.out;
}

// As on the screen, a failure puts the error card up until the slot's next turn: three failing
// turns within a minute disable the plugin, three frames of one turn do not.
TEST(PluginTest, ADisabledPluginFailsAndSaysSo) {
  TestRun r = run_tests("local P = {}\nfunction P.frame() error('boom') end\nreturn P\n",
                    "test.case('three turns', function() for i = 1, 3 do test.enter(); test.frame() end; "
                    "test.ok(test.disabled()); test.ok(not test.available()) end)\n");
  EXPECT_EQ(r.summary.failed, 1) << r.out;
  EXPECT_NE(r.out.find("probe/main.lua:2: boom"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("disabled after 3 failures"), std::string::npos) << r.out;
}

TEST(PluginTest, ExpectErrorPassesOnlyWhenAMatchingErrorHappened) {
  const std::string failing = "local P = {}\nfunction P.frame() error('no data yet') end\nreturn P\n";
  TestRun expected = run_tests(failing, R"(
test.case('expects it', function()
  test.expect_error("no data")
  for i = 1, 3 do test.enter(); test.frame() end
  test.ok(test.disabled())
end)
)");
  EXPECT_EQ(expected.summary.passed, 1) << expected.out;
  EXPECT_EQ(expected.summary.failed, 0) << expected.out;

  TestRun other = run_tests(failing, "test.case('c', function() test.expect_error('CPU limit'); test.frame() end)\n");
  EXPECT_EQ(other.summary.failed, 1) << other.out;
  EXPECT_NE(other.out.find("the plugin failed: in frame(): probe/main.lua:2: no data yet"), std::string::npos) << other.out;

  TestRun unmatched = run_tests(failing, R"(
test.case('c', function()
  test.expect_error('no data'); test.expect_error('CPU limit')
  test.frame()
end)
)");
  EXPECT_EQ(unmatched.summary.failed, 1) << unmatched.out;
  EXPECT_NE(unmatched.out.find("test.expect_error(\"CPU limit\"): no error of the plugin matched"), std::string::npos)
      << unmatched.out;

  TestRun none = run_tests(kDrawsNothing, "test.case('c', function() test.expect_error('boom'); test.frame() end)\n");
  EXPECT_EQ(none.summary.failed, 1) << none.out;
  EXPECT_NE(none.out.find("the plugin raised no error"), std::string::npos) << none.out;
  EXPECT_NE(none.out.find("tests/probe_test.lua:1: test.expect_error(\"boom\")"), std::string::npos)
      << "names the test's line: " << none.out;
}

TEST(PluginTest, ErrorIsNilWithoutAnError) {
  TestRun r = run_tests(kDrawsNothing,
                    "test.case('c', function() test.frame(); test.eq(tostring(test.error()), 'nil') end)\n");
  EXPECT_EQ(r.summary.passed, 1) << r.out;
}

// The screen refuses a department that is not configured; so does the test.
TEST(PluginTest, ParticipationChecksTheConfiguredDepartments) {
  const std::string logs = R"(local P = {}
function P.frame()
  if ui.button('go', 100, 100, 200, 100, {label = '开始'}) then
    participation.log('answer', {department = '不存在科'})
  end
end
return P
)";
  const std::string manifest = "[participation]\nkeys = [\"department\"]\n";
  TestRun unknown = run_tests(logs, R"(
test.case('c', function()
  test.start{departments = {'办公室'}}
  test.frame(); test.tap('开始')
  test.eq(#test.logged('answer'), 0)
end)
)", manifest);
  EXPECT_EQ(unknown.summary.failed, 1) << unknown.out;
  EXPECT_NE(unknown.out.find("不存在科"), std::string::npos) << unknown.out;

  TestRun configured = run_tests(logs, R"(
test.case('c', function()
  test.start{departments = {'不存在科'}}
  test.frame(); test.tap('开始')
  test.eq(#test.logged('answer'), 1)
  test.eq(test.api.participation.today('answer'), 1)
end)
)", manifest);
  EXPECT_EQ(configured.summary.passed, 1) << configured.out;
}

TEST(PluginTest, UiImageOfAMissingFileIsFalseAsOnTheScreen) {
  const std::string draws = R"(local P = {}
shown = {}
function P.frame()
  shown.missing = ui.image('assets/missing.png', 0, 0, 100, 100)
  shown.real = ui.image('assets/real.png', 0, 0, 100, 100)
  store.set('shown', shown)
end
return P
)";
  fixture::PluginFolder f("probe", draws, "");
  fs::create_directories(f.dir / "assets");
  fs::copy_file(fs::path(ECOLOBBY_SOURCE_DIR) / "content/images/air-conditioning.png", f.dir / "assets/real.png");
  fs::create_directories(f.dir / "tests");
  std::ofstream(f.dir / "tests" / "t.lua") << R"(
test.case('c', function()
  test.frame()
  test.eq(test.stored('shown').missing, false, 'missing file')
  test.eq(test.stored('shown').real, true, 'a real image')
end)
)";
  Config config;
  config.data_dir = f.root / "data";
  PluginTestHarness harness(f.dir, config);
  std::ostringstream out;
  TestSummary s = harness.run(out);
  EXPECT_EQ(s.passed, 1) << out.str();
}

TEST(PluginTest, OrientationAndTheApiTablesAsThePluginSeesThem) {
  TestRun r = run_tests(kDrawsNothing, R"(
test.case('portrait', function()
  test.start{orientation = 'portrait', language = 'en'}
  test.eq(test.api.ui.width, 1080)
  test.eq(test.api.ui.height, 1920)
  test.eq(test.api.i18n.language, 'en')
  test.eq(test.api.clock.now().year, 2026)
  test.api.store.set('k', {a = 1})
  test.eq(test.stored('k').a, 1)
  test.eq(test.api.store.get('k').a, 1)
  local ok, err = pcall(test.api.ui.text, 'x', 0, 0)
  test.ok(not ok and err:find('frame'), tostring(err))
end)
test.case('landscape by default', function()
  test.eq(test.api.ui.width, 1920)
  local ok, err = pcall(test.start, {orientation = 'sideways'})
  test.ok(not ok and err:find('orientation'), tostring(err))
  local ok2, err2 = pcall(test.start, {language = 'fr'})
  test.ok(not ok2 and err2:find('language'), tostring(err2))
end)
)");
  EXPECT_EQ(r.summary.passed, 2) << r.out;
  EXPECT_EQ(r.summary.failed, 0) << r.out;
}

TEST(PluginTest, SettingsAreCheckedAsAScheduleSlotsAre) {
  TestRun r = run_tests(kDrawsNothing, R"(
test.case('c', function()
  local ok, err = pcall(test.start, {settings = {seconds = 99}})
  test.ok(not ok and err:find('seconds'), tostring(err))
  local ok2, err2 = pcall(test.start, {settings = {bogus = 1}})
  test.ok(not ok2 and err2:find('bogus'), tostring(err2))
end)
)", "[settings.seconds]\ntype = \"integer\"\ndefault = 5\nmin = 1\nmax = 30\n");
  EXPECT_EQ(r.summary.passed, 1) << r.out;
}

TEST(PluginTest, RestartKeepsTheStoreAndTheRecords) {
  TestRun r = run_tests(R"(local P = {}
function P.load() store.set('starts', store.get('starts', 0) + 1) end
function P.enter() participation.log('seen', {}) end
return P
)", R"(
test.case('c', function()
  test.eq(test.stored('starts'), 1)
  test.restart()
  test.eq(test.stored('starts'), 2)
  test.eq(#test.logged('seen'), 2)
  test.eq(test.api.participation.today('seen'), 2)
end)
)");
  EXPECT_EQ(r.summary.passed, 1) << r.out;
}

// As on the screen, a restart starts another random sequence; the same case run again repeats it.
TEST(PluginTest, ARestartDrawsAnotherRandomSequenceAndARerunTheSameOnes) {
  const char* plugin = R"(local P = {}
function P.load()
  local draws = store.get('draws', {})
  draws[#draws + 1] = string.format('%d %d %d', math.random(1000000), math.random(1000000), random.int(1, 1000000))
  store.set('draws', draws)
end
return P
)";
  const char* tests = R"(
test.case('c', function()
  test.restart()
  local d = test.stored('draws')
  test.eq(#d, 2)
  test.ok(d[1] ~= d[2], 'the restart drew the same numbers: ' .. d[1])
end)
test.case('shows its draws', function()
  test.restart()
  local d = test.stored('draws')
  error('draws ' .. d[1] .. ' / ' .. d[2])
end)
)";
  TestRun first = run_tests(plugin, tests);
  TestRun second = run_tests(plugin, tests);
  EXPECT_EQ(first.summary.passed, 1) << first.out;
  EXPECT_EQ(first.summary.failed, 1) << first.out;
  ASSERT_NE(first.out.find("draws "), std::string::npos) << first.out;
  EXPECT_EQ(first.out, second.out) << "a rerun of the same case is deterministic";
}

// A key the locale lacks (also one computed at run time) and a placeholder left without its
// argument fail the case at the call's line; the screen would draw "item.b" or "{n}".
TEST(PluginTest, TextTheLocaleCannotGiveFailsTheCaseAtTheCallsLine) {
  const LocaleFiles locale = {{"zh-CN", "today = \"今日 {n} 人\"\n[item]\na = \"甲\"\n"},
                              {"en", "today = \"{n} today\"\n[item]\na = \"A\"\n"}};
  auto run = [&](const std::string& frame_body, const std::string& tests) {
    return run_tests("local P = {}\nfunction P.frame()\n" + frame_body + "\nend\nreturn P\n", tests, "", Config{}, locale);
  };
  const std::string draws_it = "test.case('c', function() test.frame() test.frame() end)\n";
  TestRun known = run("  local id = 'a'\n  ui.text(i18n.t('item.' .. id), 0, 0)", draws_it);
  EXPECT_EQ(known.summary.passed, 1) << known.out;

  TestRun computed = run("  local id = 'b'\n  ui.text(i18n.t('item.' .. id), 0, 0)", draws_it);
  EXPECT_EQ(computed.summary.failed, 1) << computed.out;
  EXPECT_NE(computed.out.find("probe/main.lua:4: i18n.t: no text for 'item.b' in the plugin's locale files"),
            std::string::npos)
      << computed.out;

  TestRun placeholder = run("  ui.text(i18n.t('today'), 0, 0)", draws_it);
  EXPECT_EQ(placeholder.summary.failed, 1) << placeholder.out;
  EXPECT_NE(placeholder.out.find("main.lua:3: i18n.t: 'today' has {n} but no argument n was given"), std::string::npos)
      << placeholder.out;
  TestRun filled = run("  ui.text(i18n.t('today', {n = 3}), 0, 0)", draws_it);
  EXPECT_EQ(filled.summary.passed, 1) << filled.out;

  TestRun expected = run("  ui.text(i18n.t('item.zz'), 0, 0)",
                         "test.case('c', function() test.expect_error('no text for') test.frame() end)\n");
  EXPECT_EQ(expected.summary.passed, 1) << expected.out;
}

TEST(PluginTest, PrintInATestIsLoggedAsThePlugins) {
  fixture::CapturedLog log(16);
  TestRun r = run_tests(kDrawsNothing, "test.case('c', function() print('hello from the test') end)\n");
  bool found = false;
  for (const auto& line : log.lines()) found = found || line.find("plugin probe: hello from the test") == 0;
  EXPECT_TRUE(found);
  EXPECT_EQ(r.summary.passed, 1) << r.out;
}

// A simulated day draws when the screen would (timers, each minute), not every half second.
TEST(PluginTest, ADayRunsTheTimersAndTheMinuteFramesOfTheScreen) {
  TestRun r = run_tests(R"(local P = {}
ticks, frames = 0, 0
function P.enter() kiosk.every(60, function() ticks = ticks + 1 end) end
function P.frame() frames = frames + 1; store.set('n', {ticks = ticks, frames = frames}) end
return P
)", R"(
test.case('c', function()
  test.advance(86400)
  test.eq(test.stored('n').ticks, 1440, 'one tick a minute')
  test.ok(test.stored('n').frames <= 1441, 'frames: ' .. test.stored('n').frames)
  test.eq(test.api.clock.now().day, 25)
end)
)");
  EXPECT_EQ(r.summary.passed, 1) << r.out;
}

// While someone uses the screen (a tap on an interactive plugin) it draws every second; after
// idle_timeout_s without a tap, once a minute again.
TEST(PluginTest, AdvanceDrawsEverySecondWhileInUseAndEachMinuteWhenIdle) {
  TestRun r = run_tests(R"(local P = {}
frames = 0
function P.frame() frames = frames + 1; store.set('frames', frames); ui.button('b', 0, 0, 200, 200, {label = '点'}) end
return P
)", R"(
test.case('c', function()
  test.frame()
  test.tap('点')
  local at_tap = test.stored('frames')
  test.advance(10)
  test.eq(test.stored('frames') - at_tap, 10, 'one frame a second while in use')
  test.advance(3600)
  test.ok(test.stored('frames') - at_tap < 10 + 50 + 61, 'idle after the timeout: ' .. test.stored('frames'))
end)
)", "interactive = true\n");
  EXPECT_EQ(r.summary.passed, 1) << r.out;
}

// The harness shows the plugin through the screen's own PluginScene: after a failed frame the
// error card is drawn and frame() is not called again until the slot's next turn.
TEST(PluginTest, AfterAFailedFrameTheErrorCardStaysUntilTheNextTurnAsOnTheScreen) {
  TestRun r = run_tests(R"(local P = {}
local frames = 0
function P.enter() frames = 0 end
function P.frame()
  frames = frames + 1
  ui.text("frame " .. frames, 0, 0)
  ui.button("go", 100, 100, 200, 100, {label = "开始"})
  if frames == 2 then error("second frame fails") end
end
return P
)",
                        R"(
test.case('card until the next turn', function()
  test.expect_error("second frame fails")
  test.frame(2)
  test.frame(10)
  test.ok(not test.drawn("frame 2") and not test.drawn("frame 3"), "the plugin is not drawn while its card shows")
  test.ok(test.drawn("此内容暂时无法显示"), "the error card")
  test.ok(not test.disabled(), "one failing turn does not disable it")
  local tapped, why = pcall(test.tap, "开始")
  test.ok(not tapped and why:find("error card shows until test.enter", 1, true), "the card has no widgets: " .. tostring(why))
  test.enter()
  test.frame()
  test.ok(test.drawn("frame 1"), "the next turn starts afresh")
end)
test.case('a minute of frames after a failure is one failure', function()
  test.expect_error("second frame fails")
  test.frame(2)
  test.advance(60)
  test.ok(not test.disabled())
end)
)");
  EXPECT_EQ(r.summary.passed, 2) << r.out;
  EXPECT_EQ(r.summary.failed, 0) << r.out;
}

// A needs_data plugin without figures is skipped by the rotation: the case that draws it fails
// and says how to give it figures; with figures it is drawn.
TEST(PluginTest, ANeedsDataPluginWithoutFiguresIsSkippedAsOnTheScreen) {
  const std::string manifest = "needs_data = true\n";
  const std::string plugin = "local P = {}\nfunction P.frame() ui.text('figures', 0, 0) end\nreturn P\n";
  TestRun without = run_tests(plugin, "test.case('no figures', function() test.frame() end)\n", manifest);
  EXPECT_EQ(without.summary.failed, 1) << without.out;
  EXPECT_NE(without.out.find("the screen skips this plugin"), std::string::npos) << without.out;
  EXPECT_NE(without.out.find("test.set_data"), std::string::npos) << without.out;

  TestRun with = run_tests(plugin, R"(
test.case('figures arrive', function()
  test.ok(not test.available())
  test.set_data({total = {}})
  test.ok(test.available())
  test.frame()
  test.ok(test.drawn("figures"))
end)
test.case('asking is not drawing', function() test.ok(not test.available()) end)
)", manifest);
  EXPECT_EQ(with.summary.passed, 2) << with.out;
  EXPECT_EQ(with.summary.failed, 0) << with.out;
}
