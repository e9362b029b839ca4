#pragma once
// `ecolobby plugin test DIR`: runs the plugin's tests/*.lua headless. Each test file calls
//   test.case("name", function() … end)
// and each case gets a fresh plugin on a fresh virtual clock (2026-06-24 10:00 unless
// test.start{now = "…"} says otherwise) and a recording painter. The plugin runs on the screen's
// own services and checks: participation and store are the SQLite store on a scratch database
// (the configured departments, the rate limit), settings are checked against the manifest as a
// schedule slot's, ui.image answers as the screen's image loader. The plugin is shown through the
// screen's own PluginScene: after a failed callback the error card takes its place until the next
// test.enter() (the slot's next turn), and a plugin the rotation would skip (disabled, or
// needs_data with no figures) is not drawn. A case fails when the plugin failed (any callback),
// was disabled or was skipped, unless it said test.expect_error("pattern").
// The test API is listed in docs/plugin-api.md.
#include <filesystem>
#include <iosfwd>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/config.h"
#include "lua/memory_services.h"
#include "lua/plugin_runtime.h"
#include "lua/plugin_scene.h"
#include "render/recording_painter.h"

struct lua_State;

namespace eco::lua {

struct TestSummary {
  int passed = 0, failed = 0;
};

struct ExpectedError {
  std::string pattern;  // a Lua pattern the plugin's error must match
  std::string where;    // "tests/x_test.lua:12: ", the test.expect_error call
};

class PluginTestHarness {
 public:
  PluginTestHarness(std::filesystem::path plugin_dir, const Config& config);
  ~PluginTestHarness();
  // Runs every tests/*.lua; prints "ok - …"/"not ok - …" lines and "N passed, N failed".
  TestSummary run(std::ostream& out);

  // Used by the test API functions.
  // `environment`: {departments = {…}}, {language = "en"}, {orientation = "portrait"} as the
  // config would give, and {content = "tests/fixtures/x"} (relative to the plugin) for the folder
  // content.read() reads. A fresh store and clock; throws ConfigError for settings a slot could
  // not have.
  void start_plugin(const std::string& now_iso, const nlohmann::json& settings_override,
                    const nlohmann::json& environment = nlohmann::json::object());
  // The same plugin loaded again (a kiosk restart): store, records and clock stay.
  void restart_plugin();
  void run_frames(int n);
  // Virtual time passes; frames run when the screen would draw one (PluginRuntime::next_frame_in).
  void advance(double seconds);
  bool tap_widget(const std::string& label_or_id);
  void tap_at(Vec2 p);
  void swipe(Swipe s);  // then one frame
  PluginRuntime* runtime() { return scene_ ? &scene_->runtime() : nullptr; }
  // The rotation's view: whether the screen would show the plugin now, and entering it (its slot's
  // turn comes) or leaving it.
  bool available() const { return scene_ && scene_->available(); }
  void enter();
  void leave();
  // Its own page is on screen: entered, and not replaced by the error card.
  bool on_screen() const { return entered_ && !scene_->showing_error_card(); }
  RecordingPainter& painter();
  const std::vector<LoggedEvent>& logged() const;
  KeyValueService* store();
  void set_data(nlohmann::json snapshot);
  // Failures of the plugin since the case began (load, callbacks, timers), oldest first.
  const std::vector<std::string>& failures() const { return failures_; }
  std::vector<ExpectedError>& expected_failures() { return expected_; }

 private:
  class Data;
  class Screen;
  void make_runtime();
  std::string plugin_failure_verdict(lua_State* L);
  void frame_now(FrameInput input, float dt);
  SceneContext context(const FrameInput& input, float dt, const LocalTime& local) const;
  void note_skipped();
  std::filesystem::path plugin_dir_;
  Config config_;
  Manifest manifest_;
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<Screen> screen_;  // the store and painter of the running case
  std::unique_ptr<Data> data_;
  std::unique_ptr<std::map<std::string, bool>> images_;  // the plugin's images the screen can show
  std::unique_ptr<PluginScene> scene_;
  bool entered_ = false;  // the slot is on screen (the rotation enters only available scenes)
  bool left_ = false;     // test.leave(): another slot shows until test.enter()
  bool skip_noted_ = false;
  Locale screen_locale_;  // the error card's own strings
  nlohmann::json settings_;
  RuntimeOptions options_;
  std::vector<Vec2> pending_taps_;
  TimePoint last_tap_{}, last_frame_{};
  bool in_use_ = false;  // the rotation is held: frames every second instead of every minute
  std::vector<std::string> failures_;
  std::vector<ExpectedError> expected_;
  std::vector<Swipe> pending_swipes_;
};

}  // namespace eco::lua
