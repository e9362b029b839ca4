#pragma once
// `ecolobby plugin test DIR`: runs the plugin's tests/*.lua headless. Each test file calls
//   test.case("name", function() … end)
// and each case gets a fresh plugin on a fresh virtual clock (2026-06-24 10:00 unless
// test.start{now = "…"} says otherwise), in-memory participation and store, and a recording
// painter. The test API (docs/plugin-api.md): start, frame, advance, tap, tap_at, drawn, texts,
// widgets, logged, stored, set_data, error, disabled, eq, ok.
#include <filesystem>
#include <iosfwd>
#include <memory>

#include "base/config.h"
#include "lua/memory_services.h"
#include "lua/plugin_runtime.h"
#include "render/recording_painter.h"

namespace eco::lua {

struct TestSummary {
  int passed = 0, failed = 0;
};

class PluginTestHarness {
 public:
  PluginTestHarness(std::filesystem::path plugin_dir, const Config& config);
  ~PluginTestHarness();
  // Runs every tests/*.lua; prints "ok - …"/"not ok - …" lines and "N passed, N failed".
  TestSummary run(std::ostream& out);

  // Used by the test API functions.
  // `environment`: {departments = {…}} and {language = "en"} as the config would give, and
  // {content = "tests/fixtures/x"} (relative to the plugin) for the folder content.read() reads.
  void start_plugin(const std::string& now_iso, const nlohmann::json& settings_override,
                    const nlohmann::json& environment = nlohmann::json::object());
  void run_frames(int n);
  void advance(double seconds);
  bool tap_widget(const std::string& label_or_id);
  void tap_at(Vec2 p);
  void swipe(Swipe s);  // then one frame
  PluginRuntime* runtime() { return runtime_.get(); }
  RecordingPainter& painter() { return painter_; }
  MemoryParticipation* participation() { return participation_.get(); }
  MemoryKeyValue* store() { return store_.get(); }
  void set_data(nlohmann::json snapshot);

 private:
  class Data;
  std::filesystem::path plugin_dir_;
  Config config_;
  Manifest manifest_;
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<MemoryParticipation> participation_;
  std::unique_ptr<MemoryKeyValue> store_;
  std::unique_ptr<Data> data_;
  std::unique_ptr<PluginRuntime> runtime_;
  RecordingPainter painter_;
  std::vector<Vec2> pending_taps_;
  std::vector<Swipe> pending_swipes_;
};

}  // namespace eco::lua
