#include "lua/plugin_runtime.h"

#include <lua.hpp>
#include <spdlog/spdlog.h>

#include "app/toml_reader.h"
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

uint64_t hash_id(const std::string& s) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

PluginRuntime::PluginRuntime(Manifest manifest, nlohmann::json settings, const Clock& clock, Services services,
                             RuntimeOptions options)
    : manifest_(std::move(manifest)), settings_(std::move(settings)), clock_(clock), services_(services),
      options_(std::move(options)), budget_(manifest_.memory_bytes), random_(options_.seed ^ hash_id(manifest_.id)) {
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
  TimePoint now = clock_.now();
  failures_.push_back(now);
  while (!failures_.empty() && now - failures_.front() > kFailureWindow) failures_.pop_front();
  spdlog::error("plugin {}: {}", manifest_.id, what);
  if (static_cast<int>(failures_.size()) >= kFailuresToDisable && !disabled_) {
    disabled_ = true;
    spdlog::error("plugin {}: {} failures within {} s: disabled until the content changes", manifest_.id,
                  kFailuresToDisable, kFailureWindow.count());
  }
}

template <typename PushArgs>
bool PluginRuntime::call(const char* function, std::chrono::microseconds budget, PushArgs&& push_args) {
  if (!state_ || disabled_ || plugin_ref_ < 0) return false;
  lua_State* L = state_.get();
  int base = lua_gettop(L);
  lua_pushcfunction(L, traceback);
  lua_rawgeti(L, LUA_REGISTRYINDEX, plugin_ref_);
  lua_getfield(L, -1, function);
  if (!lua_isfunction(L, -1)) {  // every callback is optional
    lua_settop(L, base);
    return true;
  }
  lua_remove(L, -2);
  int nargs = push_args(L);
  budget_.start_callback(L, budget);
  int status = lua_pcall(L, nargs, 0, base + 1);
  budget_.end_callback(L);
  bool ok = status == LUA_OK;
  if (!ok) fail(failure_message(L, budget_, std::string(function) + "()"));
  lua_settop(L, base);
  lua_gc(L, LUA_GCSTEP, 0);
  return ok;
}

bool PluginRuntime::call_ref(int function_ref, std::chrono::microseconds budget) {
  if (!state_ || disabled_) return false;
  lua_State* L = state_.get();
  int base = lua_gettop(L);
  lua_pushcfunction(L, traceback);
  lua_rawgeti(L, LUA_REGISTRYINDEX, function_ref);
  budget_.start_callback(L, budget);
  int status = lua_pcall(L, 0, 0, base + 1);
  budget_.end_callback(L);
  if (status != LUA_OK) fail(failure_message(L, budget_, "a timer"));
  lua_settop(L, base);
  return status == LUA_OK;
}

bool PluginRuntime::start() {
  started_ = false;
  try {
    locale_ = std::filesystem::exists(manifest_.dir / "locale" / "zh-CN.toml")
                  ? Locale::load(manifest_.dir / "locale", options_.language)
                  : Locale();
  } catch (const std::exception& e) {
    fail(e.what());
    return false;
  }
  state_ = new_sandboxed_state(budget_);
  if (!state_) {
    fail("cannot create a Lua state");
    return false;
  }
  lua_State* L = state_.get();
  lua_pushlightuserdata(L, this);
  lua_setfield(L, LUA_REGISTRYINDEX, "ecolobby.runtime");
  lua_pushstring(L, manifest_.id.c_str());
  lua_setfield(L, LUA_REGISTRYINDEX, "ecolobby.plugin_id");
  for (auto open : {open_ui_api, open_data_api, open_participation_api, open_store_api, open_i18n_api, open_clock_api,
                    open_log_api, open_random_api, open_kiosk_api, open_content_api})
    open(L);

  std::string source;
  try {
    source = read_text_file((manifest_.dir / "main.lua").string());
  } catch (const std::exception& e) {
    fail(e.what());
    return false;
  }
  lua_pushcfunction(L, traceback);
  std::string chunkname = "@" + manifest_.id + "/main.lua";
  if (luaL_loadbufferx(L, source.data(), source.size(), chunkname.c_str(), "t") != LUA_OK) {
    fail(std::string("syntax error: ") + lua_tostring(L, -1));
    lua_settop(L, 0);
    return false;
  }
  budget_.start_callback(L, options_.limits.load_budget);
  int status = lua_pcall(L, 0, 1, -2);
  budget_.end_callback(L);
  if (status != LUA_OK) {
    fail(failure_message(L, budget_, "main.lua"));
    lua_settop(L, 0);
    return false;
  }
  if (!lua_istable(L, -1)) {
    fail(manifest_.id + "/main.lua must end with `return plugin` (a table of callbacks)");
    lua_settop(L, 0);
    return false;
  }
  plugin_ref_ = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_settop(L, 0);
  started_ = call("load", options_.limits.load_budget, [this](lua_State* S) {
    nlohmann::json ctx = {{"id", manifest_.id}, {"version", manifest_.version}, {"language", options_.language},
                          {"settings", settings_}};
    push_json(S, ctx);
    return 1;
  });
  if (started_) spdlog::info("plugin {} {} loaded ({} KB)", manifest_.id, manifest_.version, budget_.used() / 1024);
  return started_;
}

void PluginRuntime::enter() {
  animate_ = false;
  deliver_data();
  call("enter", options_.limits.frame_budget, [](lua_State*) { return 0; });
}

void PluginRuntime::leave() {
  call("leave", options_.limits.frame_budget, [](lua_State*) { return 0; });
  focus_request_ = FocusRequest::Release;
}

void PluginRuntime::deliver_data() {
  if (!services_.data) return;
  auto snap = services_.data->snapshot();
  if (!snap || snap.get() == delivered_snapshot_) return;
  delivered_snapshot_ = snap.get();
  call("on_data", options_.limits.frame_budget, [&](lua_State* S) {
    push_json(S, *snap);
    return 1;
  });
}

void PluginRuntime::run_timers() {
  TimePoint now = clock_.now();
  for (size_t i = 0; i < timers_.size();) {
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
    call_ref(t.function_ref, options_.limits.frame_budget);
    if (t.every.count() == 0) luaL_unref(state_.get(), LUA_REGISTRYINDEX, t.function_ref);
  }
}

int PluginRuntime::add_timer(double seconds, bool repeat, int function_ref) {
  auto ms = std::chrono::milliseconds(static_cast<int64_t>(std::max(0.0, seconds) * 1000));
  if (repeat && ms.count() < 50) ms = std::chrono::milliseconds(50);
  timers_.push_back({next_timer_id_, clock_.now() + ms, repeat ? ms : std::chrono::milliseconds(0), function_ref});
  return next_timer_id_++;
}

void PluginRuntime::cancel_timer(int id) {
  for (auto it = timers_.begin(); it != timers_.end(); ++it)
    if (it->id == id) {
      luaL_unref(state_.get(), LUA_REGISTRYINDEX, it->function_ref);
      timers_.erase(it);
      return;
    }
}

bool PluginRuntime::frame(Painter& painter, const FrameInput& input, float dt) {
  if (!started_ || disabled_) return false;
  deliver_data();
  run_timers();
  painter_ = &painter;
  input_ = &input;
  widgets_.clear();
  clip_depth_ = 0;
  animate_ = false;
  float alpha = painter.global_alpha();
  bool ok = call("frame", options_.limits.frame_budget, [dt](lua_State* S) {
    lua_pushnumber(S, dt);
    return 1;
  });
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
