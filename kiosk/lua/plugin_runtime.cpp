#include "lua/plugin_runtime.h"

#include <lua.hpp>
#include <spdlog/spdlog.h>

#include "base/toml_reader.h"
#include "lua/api.h"
#include "lua/lua_values.h"

namespace eco::lua {
namespace {

// Message handler: adds a traceback. Never calls __tostring (which could error or loop).
int traceback(lua_State* L) {
  const char* msg = lua_tostring(L, 1);
  if (!msg) msg = "(error object is not a string)";
  luaL_traceback(L, L, msg, 1);
  return 1;
}

// The error on top of the stack, prefixed with which limit was hit, if one was.
std::string failure_message(lua_State* L, const Budget& budget, const std::string& where) {
  std::string message = lua_tostring(L, -1) ? lua_tostring(L, -1) : "(error object is not a string)";
  return (budget.hit() != LimitHit::None ? budget.describe_hit() + " in " : "in ") + where + ": " + message;
}

}  // namespace

PluginRuntime::PluginRuntime(Manifest manifest, nlohmann::json settings, const Clock& clock, Services services,
                             RuntimeOptions options)
    : manifest_(std::move(manifest)), settings_(std::move(settings)), clock_(clock), services_(services),
      options_(std::move(options)), budget_(manifest_.memory_bytes), random_(start_seed(options_.seed, manifest_.id, clock)) {
  if (!manifest_.allows("participation")) services_.participation = nullptr;
  if (!manifest_.allows("store")) services_.store = nullptr;
  if (!manifest_.allows("data")) services_.data = nullptr;
}

PluginRuntime::~PluginRuntime() = default;

PluginRuntime& PluginRuntime::of(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, "ecolobby.runtime");
  auto* self = static_cast<PluginRuntime*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  return *self;
}

const CampaignCalendar& PluginRuntime::campaigns() {
  if (!campaigns_) {
    try {
      campaigns_ = options_.content_dir.empty() ? CampaignCalendar{} : load_campaigns(options_.content_dir / "campaigns.toml");
    } catch (const std::exception& e) {
      spdlog::warn("plugin {}: kiosk.campaign(): {}", manifest_.id, e.what());
      campaigns_ = CampaignCalendar{};
    }
  }
  return *campaigns_;
}

std::string PluginRuntime::asset_path(const std::string& name) const {
  auto p = resolve_asset(manifest_, name);
  return p ? p->string() : std::string();
}

void PluginRuntime::fail(const std::string& what) {
  last_error_ = what;
  ++failure_count_;
  TimePoint now = clock_.now();
  failures_.push_back(now);
  while (!failures_.empty() && now - failures_.front() > kFailureWindow) failures_.pop_front();
  spdlog::error("plugin {}: {}", manifest_.id, what);
  if (options_.on_failure) options_.on_failure(what);
  if (static_cast<int>(failures_.size()) >= kFailuresToDisable && !disabled_) {
    disabled_ = true;
    spdlog::error("plugin {}: {} failures within {} s: disabled until the content changes", manifest_.id,
                  kFailuresToDisable, kFailureWindow.count());
  }
}

namespace {

// Pushes an Invocation's arguments, in a protected call of its own: a snapshot over the memory
// cap fails the callback; the time it takes (host work bounded by that cap) is not the plugin's.
int run_push(lua_State* L) {
  auto* inv = static_cast<PluginRuntime::Invocation*>(lua_touserdata(L, 1));
  lua_settop(L, 0);
  if (inv->name) {  // not defined (a raw look, no metamethod runs here): nothing to push
    lua_rawgeti(L, LUA_REGISTRYINDEX, inv->plugin_ref);
    lua_pushstring(L, inv->name);
    bool absent = lua_rawget(L, -2) == LUA_TNIL && !lua_getmetatable(L, -2);
    lua_settop(L, 0);
    if (absent) {
      inv->missing = true;
      return 0;
    }
  }
  return inv->push(L, inv->push_data);
}

// Runs one Invocation (light userdata 1, then its arguments) inside the budgeted protected call.
int run_invocation(lua_State* L) {
  auto* inv = static_cast<PluginRuntime::Invocation*>(lua_touserdata(L, 1));
  int nargs = lua_gettop(L) - 1;
  if (inv->name) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, inv->plugin_ref);
    lua_getfield(L, -1, inv->name);  // an __index metamethod runs as plugin code, under the budget
    if (!lua_isfunction(L, -1)) {
      inv->missing = true;
      return 0;
    }
    lua_remove(L, -2);
  } else {
    lua_rawgeti(L, LUA_REGISTRYINDEX, inv->function_ref);
  }
  lua_replace(L, 1);  // function, arguments…
  lua_call(L, nargs, 0);
  return 0;
}

int run_unref(lua_State* L) {
  luaL_unref(L, LUA_REGISTRYINDEX, static_cast<int>(lua_tointeger(L, 1)));
  return 0;
}

int push_json_argument(lua_State* L, const void* json) {
  push_json(L, *static_cast<const nlohmann::json*>(json));
  return 1;
}

int push_number_argument(lua_State* L, const void* number) {
  lua_pushnumber(L, *static_cast<const float*>(number));
  return 1;
}

}  // namespace

// A frame's callbacks (on_data, timers, enter, frame) share one CPU budget; the period opens at
// the first of them and closes when frame() (or leave()) is done.
void PluginRuntime::open_period() {
  if (period_open_) return;
  budget_.begin_period(options_.limits.frame_budget, "frame");
  period_open_ = true;
  period_spent_ = false;
}

void PluginRuntime::close_period() {
  last_period_cpu_ = budget_.period_used();
  period_open_ = false;
}

// The one way into the plugin's state for loading, a callback's arguments and the callback
// itself: a Lua error (or a limit hit) there is the plugin's failure, reported with a
// traceback, never the kiosk's.
bool PluginRuntime::protected_call(lua_CFunction fn, void* data, int nargs, int nresults, Timing timing,
                                   const std::string& where) {
  std::string failure = unreported_call(fn, data, nargs, nresults, timing, where);
  if (failure.empty()) return true;
  fail(failure);
  return false;
}

std::string PluginRuntime::unreported_call(lua_CFunction fn, void* data, int nargs, int nresults, Timing timing,
                                           const std::string& where) {
  lua_State* L = state_.get();
  int base = lua_gettop(L) - nargs;
  if (!lua_checkstack(L, 3)) {
    lua_settop(L, base);
    return "in " + where + ": the Lua stack cannot grow";
  }
  lua_pushcfunction(L, traceback);
  lua_insert(L, base + 1);
  lua_pushcfunction(L, fn);
  lua_insert(L, base + 2);
  lua_pushlightuserdata(L, data);
  lua_insert(L, base + 3);
  if (timing == Timing::Plugin && !budget_.start_callback(L)) {
    lua_settop(L, base);
    period_spent_ = true;
    return budget_.describe_hit() + " before " + where + ": the plugin's earlier callbacks in this frame used it up";
  }
  int status = lua_pcall(L, nargs + 1, nresults, base + 1);
  // Time spent in C calls the count hook cannot see is charged here, when the call returns.
  bool within_budget = timing == Timing::Host || budget_.end_callback(L);
  if (status == LUA_OK && within_budget) {
    lua_remove(L, base + 1);  // the handler
    return {};
  }
  if (budget_.hit() == LimitHit::Cpu) period_spent_ = true;
  std::string failure = status != LUA_OK
                            ? failure_message(L, budget_, where)
                            : budget_.describe_hit() + " in " + where +
                                  ": by library or host calls (string.rep, table.sort, ui.*, store.*) "
                                  "running past twice the budget, which the CPU check cannot interrupt";
  lua_settop(L, base);
  return failure;
}

std::string PluginRuntime::run_host_code(lua_CFunction fn, void* data, const std::string& where) {
  if (!state_) return "in " + where + ": the plugin is not loaded";
  const int top = lua_gettop(state_.get());
  std::string failure = unreported_call(fn, data, 0, 0, Timing::Host, where);
  lua_settop(state_.get(), top);
  return failure.substr(0, failure.find("\nstack traceback:"));  // the host's stack, not the plugin author's
}

bool PluginRuntime::invoke(Invocation& inv, const std::string& where) {
  if (!state_ || disabled_) return false;
  if (period_spent_) return false;  // the CPU limit of this frame was reported once already
  lua_State* L = state_.get();
  int base = lua_gettop(L);
  if (inv.push) {  // host work, not timed: it is bounded by the memory cap
    if (!protected_call(run_push, &inv, 0, LUA_MULTRET, Timing::Host, where)) {
      lua_gc(L, LUA_GCSTEP, 0);
      return false;
    }
    if (inv.missing) {  // every callback is optional
      lua_settop(L, base);
      return true;
    }
  }
  bool ok = protected_call(run_invocation, &inv, lua_gettop(L) - base, 0, Timing::Plugin, where);
  lua_settop(L, base);
  lua_gc(L, LUA_GCSTEP, 0);  // no finalizers can run here: the sandbox refuses __gc
  return ok;
}

bool PluginRuntime::call(const char* function, int (*push)(lua_State*, const void*), const void* data) {
  if (!state_ || disabled_ || plugin_ref_ < 0) return false;
  Invocation inv{plugin_ref_, function, LUA_NOREF, push, data};
  return invoke(inv, std::string(function) + "()");
}

bool PluginRuntime::call_ref(int function_ref) {
  Invocation inv{plugin_ref_, nullptr, function_ref, nullptr, nullptr};
  return invoke(inv, "a timer");
}

void PluginRuntime::unref(int ref) {
  if (!state_ || ref < 0) return;
  lua_State* L = state_.get();
  if (!lua_checkstack(L, 3)) return;
  lua_pushcfunction(L, run_unref);
  lua_pushinteger(L, ref);
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) lua_pop(L, 1);
}

namespace {

struct Setup {
  PluginRuntime* runtime;
  const std::string* source;
  const char* chunkname;
  const char* plugin_id;
  int plugin_ref = LUA_NOREF;
  bool syntax_error = false, not_a_table = false;
};

// Creates the API tables, compiles and runs main.lua, and keeps the plugin table: all inside
// the protected call of start(), under the load budget.
int run_setup(lua_State* L) {
  auto* setup = static_cast<Setup*>(lua_touserdata(L, 1));
  lua_settop(L, 0);
  lua_pushlightuserdata(L, setup->runtime);
  lua_setfield(L, LUA_REGISTRYINDEX, "ecolobby.runtime");
  lua_pushstring(L, setup->plugin_id);
  lua_setfield(L, LUA_REGISTRYINDEX, "ecolobby.plugin_id");
  for (auto open : {open_ui_api, open_data_api, open_participation_api, open_store_api, open_i18n_api, open_clock_api,
                    open_log_api, open_random_api, open_kiosk_api, open_content_api})
    open(L);
  lua_settop(L, 0);
  if (luaL_loadbufferx(L, setup->source->data(), setup->source->size(), setup->chunkname, "t") != LUA_OK) {
    setup->syntax_error = true;
    return 1;  // the message
  }
  lua_call(L, 0, 1);
  if (!lua_istable(L, -1)) {
    setup->not_a_table = true;
    return 0;
  }
  setup->plugin_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}

}  // namespace

bool PluginRuntime::start() {
  started_ = false;
  glyph_quota_.owner = "plugin " + manifest_.id;
  timers_.reserve(kMaxTimers);  // add_timer never allocates while Lua code is on the stack
  try {
    locale_ = std::filesystem::exists(manifest_.dir / "locale" / "zh-CN.toml")
                  ? Locale::load(manifest_.dir / "locale", options_.language)
                  : Locale();
    locale_.set_owner("plugin " + manifest_.id);  // a missing string names the plugin it is missing from
  } catch (const std::exception& e) {
    fail(e.what());
    return false;
  }
  std::string source;
  try {
    source = read_text_file((manifest_.dir / "main.lua").string());
  } catch (const std::exception& e) {
    fail(e.what());
    return false;
  }
  state_ = new_sandboxed_state(budget_);
  if (!state_) {
    fail("cannot create a Lua state (memory limit of " + std::to_string(budget_.limit() >> 20) + " MB?)");
    return false;
  }
  lua_State* L = state_.get();
  std::string chunkname = "@" + manifest_.id + "/main.lua";
  Setup setup{this, &source, chunkname.c_str(), manifest_.id.c_str()};
  budget_.begin_period(options_.limits.load_budget, "load");
  if (!protected_call(run_setup, &setup, 0, 1, Timing::Plugin, "main.lua")) return false;
  if (setup.syntax_error) {
    fail(std::string("syntax error: ") + (lua_tostring(L, -1) ? lua_tostring(L, -1) : "?"));
    lua_settop(L, 0);
    return false;
  }
  lua_settop(L, 0);
  if (setup.not_a_table) {
    fail(manifest_.id + "/main.lua must end with `return plugin` (a table of callbacks)");
    return false;
  }
  plugin_ref_ = setup.plugin_ref;
  nlohmann::json ctx = {{"id", manifest_.id}, {"version", manifest_.version}, {"language", options_.language},
                        {"settings", settings_}};
  started_ = call("load", push_json_argument, &ctx);  // the rest of the load budget
  if (started_) spdlog::info("plugin {} {} loaded ({} KB)", manifest_.id, manifest_.version, budget_.used() / 1024);
  return started_;
}

void PluginRuntime::enter() {
  animate_ = false;
  choice_pages_.clear();  // a new visitor starts on the first page
  if (period_open_) close_period();  // entering starts a frame's budget, shared with the first frame()
  open_period();
  deliver_data();
  call("enter");
}

void PluginRuntime::leave() {
  open_period();
  call("leave");
  close_period();
  focus_request_ = FocusRequest::Release;
}

void PluginRuntime::deliver_data() {
  if (!services_.data) return;
  auto snap = services_.data->snapshot();
  if (!snap || snap.get() == delivered_snapshot_) return;
  delivered_snapshot_ = snap.get();
  call("on_data", push_json_argument, snap.get());  // pushed inside the protected call: a snapshot
                                                     // over the memory cap fails on_data, not the kiosk
}

void PluginRuntime::run_timers() {
  TimePoint now = clock_.now();
  for (size_t i = 0; i < timers_.size() && !period_spent_ && !disabled_;) {
    if (timers_[i].due > now) {
      ++i;
      continue;
    }
    Timer t = timers_[i];
    if (t.every.count() > 0) {
      timers_[i].due = now + t.every;
      ++i;
    } else {
      timers_.erase(timers_.begin() + static_cast<long>(i));
    }
    call_ref(t.function_ref);
    if (t.every.count() == 0) unref(t.function_ref);
  }
}

int PluginRuntime::add_timer(double seconds, bool repeat, int function_ref) {
  auto ms = std::chrono::milliseconds(static_cast<int64_t>(std::clamp(seconds, 0.0, 1e7) * 1000));
  if (repeat && ms.count() < 50) ms = std::chrono::milliseconds(50);
  timers_.push_back({next_timer_id_, clock_.now() + ms, repeat ? ms : std::chrono::milliseconds(0), function_ref});
  return next_timer_id_++;
}

void PluginRuntime::cancel_timer(int id) {
  for (auto it = timers_.begin(); it != timers_.end(); ++it)
    if (it->id == id) {
      int ref = it->function_ref;
      timers_.erase(it);
      luaL_unref(state_.get(), LUA_REGISTRYINDEX, ref);  // called from kiosk.cancel, inside the plugin's protected call
      return;
    }
}

bool PluginRuntime::frame(Painter& painter, const FrameInput& input, float dt) {
  if (!started_ || disabled_) return false;
  open_period();
  deliver_data();
  run_timers();
  painter_ = &painter;
  input_ = &input;
  widgets_.clear();
  clip_depth_ = 0;
  animate_ = false;
  float alpha = painter.global_alpha();
  bool ok;
  {
    GlyphQuotaScope glyphs(&glyph_quota_);  // new characters this plugin draws are charged to it
    ok = call("frame", push_number_argument, &dt);
  }
  close_period();
  // Whatever the plugin left pushed or changed is undone, even when it failed midway.
  while (clip_depth_ > 0) {
    painter.pop_clip();
    --clip_depth_;
  }
  painter.set_global_alpha(alpha);
  painter_ = nullptr;
  input_ = nullptr;
  last_widgets_ = widgets_;
  return ok;
}

FocusRequest PluginRuntime::take_focus_request() {
  FocusRequest r = focus_request_;
  focus_request_ = FocusRequest::None;
  return r;
}

std::chrono::milliseconds PluginRuntime::next_frame_in(bool in_use) const {
  if (animate_) return std::chrono::milliseconds(0);
  TimePoint now = clock_.now();
  LocalTime local = to_local(now, clock_.utc_offset_minutes());
  std::chrono::milliseconds next{in_use ? 1000 : 60'000 - (local.second * 1000 + local.millisecond)};
  for (const auto& t : timers_)
    next = std::min(next, std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(t.due - now)));
  return next;
}

}  // namespace eco::lua
