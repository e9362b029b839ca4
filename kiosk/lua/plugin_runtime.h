#pragma once
// One plugin, alive: its own lua_State (sandboxed, memory- and CPU-limited), its API tables,
// and the lifecycle load → enter → frame… → leave, plus on_data and timers. Everything the host
// does in the plugin's state that can raise (creating its tables, pushing arguments such as the
// data snapshot, taking references) runs inside a protected call, so a plugin whose data does
// not fit its memory cap fails like any other callback instead of the process. A failure is
// logged with plugin id, file:line and traceback, and three failures within 60 s disable the
// plugin until the content changes. The kiosk never sees an exception.
//
// CPU: one budget per frame for all the plugin runs in it (on_data, timers, enter, frame);
// leave() and loading (main chunk + load()) have their own. A plugin holds at most kMaxTimers.
#include <chrono>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/locale.h"
#include "lua/limits.h"
#include "lua/manifest.h"
#include "lua/sandbox.h"
#include "lua/services.h"
#include "render/font_atlas.h"
#include "render/painter.h"
#include "scene/scene.h"

namespace eco::lua {

struct Widget {
  std::string id;     // the id given by the plugin, or its label
  std::string label;  // visible text
  Rect hit;           // touch area (at least 88×88)
};

struct RuntimeOptions {
  std::string language = "zh-CN";
  // Mixed with the plugin id, the local date and the clock's start (lua/api_random.cpp): a fixed
  // --now repeats, a restart or another day does not. A harness restart may pass another one.
  uint64_t seed = 20260624;
  Limits limits;
  bool dev_mode = false;     // diagnostics: error details on the card, file:line warnings
  // --dev: a broken plugin stays on screen with its error card instead of being skipped. Apart
  // from dev_mode because `plugin test` wants the diagnostics of development but the rotation
  // of a real screen.
  bool keep_broken_on_screen = false;
  std::filesystem::path content_dir;  // what content.read() reads from: the content being shown
  std::vector<std::string> departments;  // kiosk.departments, from the configuration
  int canvas_width = 1920, canvas_height = 1080;  // ui.width, ui.height
  // Told of every failure as it is logged (`plugin test` fails a case that did not expect it).
  std::function<void(const std::string&)> on_failure;
  // Told of every i18n.t answer the plugin's locale could not give in full: a key it lacks (the
  // screen draws the key), a placeholder left without its argument. The screen only logs these;
  // `plugin test` fails the case, so keys computed at run time ("item." .. id) are caught too.
  std::function<void(const std::string&)> on_text_problem;
  // The canvas of a landscape (1920×1080) or portrait (1080×1920) screen.
  void set_portrait(bool portrait) {
    canvas_width = portrait ? 1080 : 1920;
    canvas_height = portrait ? 1920 : 1080;
  }
};

class PluginRuntime {
 public:
  static constexpr int kFailuresToDisable = 3;
  static constexpr std::chrono::seconds kFailureWindow{60};
  static constexpr size_t kMaxTimers = 64;

  PluginRuntime(Manifest manifest, nlohmann::json settings, const Clock& clock, Services services,
                RuntimeOptions options);
  ~PluginRuntime();
  PluginRuntime(const PluginRuntime&) = delete;
  PluginRuntime& operator=(const PluginRuntime&) = delete;

  // Creates the state, runs main.lua (which returns the plugin table) and load(ctx).
  bool start();
  void enter();
  void leave();
  // Calls frame(dt) with `painter` and `input` available to the ui API; returns false on failure.
  bool frame(Painter& painter, const FrameInput& input, float dt);

  bool started() const { return started_; }
  bool disabled() const { return disabled_; }
  const std::string& last_error() const { return last_error_; }
  uint64_t failure_count() const { return failure_count_; }  // every failure since start()
  const Manifest& manifest() const { return manifest_; }
  size_t memory_used() const { return budget_.used(); }
  // CPU time the plugin's callbacks used in the last frame (or leave), as the budget counts it.
  std::chrono::nanoseconds cpu_used_last_frame() const { return last_period_cpu_; }
  // The characters text drawn by this plugin may add to the font atlas (see font_atlas.h).
  GlyphQuota& glyph_quota() { return glyph_quota_; }
  FocusRequest take_focus_request();
  // Milliseconds until the plugin wants a frame by itself: now for kiosk.animate(), its next
  // timer, and otherwise every second while someone uses the screen (a quiz watching for idle)
  // or at the next minute of the kiosk clock when nobody does (render on demand: an idle
  // dashboard costs one frame a minute, not one a second).
  std::chrono::milliseconds next_frame_in(bool in_use = true) const;
  const std::vector<Widget>& last_widgets() const { return last_widgets_; }

  // For the API tables (lua/api_*.cpp).
  static PluginRuntime& of(lua_State* L);
  lua_State* state() const { return state_.get(); }
  Painter* painter() const { return painter_; }  // null outside frame()
  const FrameInput* input() const { return input_; }
  void add_widget(Widget w) { widgets_.push_back(std::move(w)); }
  void note_clip(int delta) { clip_depth_ += delta; }
  int clip_depth() const { return clip_depth_; }
  // The page each paged ui.choice shows, by its id: kept across frames, back to the first at enter().
  std::map<std::string, int>& choice_pages() { return choice_pages_; }
  // True the first time `site` ("main.lua:42") is given: dev-mode warnings are logged once per call site.
  bool first_warning_at(const std::string& site) { return warned_sites_.insert(site).second; }
  const nlohmann::json& settings() const { return settings_; }
  const Locale& locale() const { return locale_; }
  const Clock& clock() const { return clock_; }
  Services& services() { return services_; }
  std::mt19937_64& random() { return random_; }
  const RuntimeOptions& options() const { return options_; }
  void request_focus(FocusRequest r) { focus_request_ = r; }
  void request_animation() { animate_ = true; }
  bool timers_full() const { return timers_.size() >= kMaxTimers; }
  int add_timer(double seconds, bool repeat, int function_ref);
  void cancel_timer(int id);
  std::string asset_path(const std::string& name) const;  // "" if not allowed
  // The calendar of the content being shown, read on first use; empty when it cannot be read
  // (`ecolobby check` reports why).
  const CampaignCalendar& campaigns();
  // Host code in the plugin's state outside its callbacks (the plugin test harness's test.api):
  // fn(data) through the same protected call as every callback, its time the host's. The error
  // is the caller's to report, not the plugin's failure: returned (empty when fn ran), without
  // the traceback, neither logged nor counted.
  std::string run_host_code(int (*fn)(lua_State*), void* data, const std::string& where);

 // For the protected trampoline in plugin_runtime.cpp.
  // One callback, protected: looking it up, pushing its arguments and running it.
  struct Invocation {
    int plugin_ref;
    const char* name;  // a callback in the plugin table, or nullptr for `function_ref`
    int function_ref;
    int (*push)(lua_State*, const void*);  // pushes the arguments with Lua calls only
    const void* push_data;
    bool missing = false;  // the callback is not defined (every callback is optional)
  };

 private:
  // Whether a protected call's CPU time is the plugin's (its budget, the CPU hook) or the host's.
  enum class Timing { Host, Plugin };
  // fn(data, …) with the `nargs` values on top of the stack as the rest of its arguments, under
  // a traceback handler; leaves its `nresults` results (LUA_MULTRET: all) in their place. On a
  // Lua error or a limit hit it reports the failure as in `where` (fail()), clears the stack
  // back to below the arguments and returns false.
  bool protected_call(int (*fn)(lua_State*), void* data, int nargs, int nresults, Timing timing,
                      const std::string& where);
  // protected_call without fail(): the failure's description, empty when the call succeeded.
  std::string unreported_call(int (*fn)(lua_State*), void* data, int nargs, int nresults, Timing timing,
                              const std::string& where);
  bool invoke(Invocation& inv, const std::string& where);
  bool call(const char* function, int (*push)(lua_State*, const void*) = nullptr, const void* data = nullptr);
  bool call_ref(int function_ref);
  void unref(int ref);
  void open_period();
  void close_period();
  void fail(const std::string& what);
  void run_timers();
  void deliver_data();

  Manifest manifest_;
  nlohmann::json settings_;
  const Clock& clock_;
  Services services_;
  RuntimeOptions options_;
  Budget budget_;
  StatePtr state_;
  Locale locale_;
  std::mt19937_64 random_;
  int plugin_ref_ = -2;  // LUA_NOREF
  bool started_ = false, disabled_ = false, animate_ = false;
  bool period_open_ = false, period_spent_ = false;  // the frame's CPU budget is used up: skip the rest
  std::chrono::nanoseconds last_period_cpu_{0};
  GlyphQuota glyph_quota_;
  std::string last_error_;
  std::deque<TimePoint> failures_;  // within kFailureWindow, for disabling
  uint64_t failure_count_ = 0;
  FocusRequest focus_request_ = FocusRequest::None;

  Painter* painter_ = nullptr;
  const FrameInput* input_ = nullptr;
  std::vector<Widget> widgets_, last_widgets_;
  std::map<std::string, int> choice_pages_;
  std::set<std::string> warned_sites_;
  int clip_depth_ = 0;

  struct Timer {
    int id;
    TimePoint due;
    std::chrono::milliseconds every;  // zero: once
    int function_ref;
  };
  std::vector<Timer> timers_;
  int next_timer_id_ = 1;
  const void* delivered_snapshot_ = nullptr;
  std::optional<CampaignCalendar> campaigns_;
};

}  // namespace eco::lua
