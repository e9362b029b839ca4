#include "lua/plugin_test_harness.h"

#include <algorithm>
#include <ostream>
#include <stdexcept>

#include <lua.hpp>

#include "base/toml_reader.h"
#include "lua/lua_values.h"
#include "lua/plugin_catalog.h"
#include "lua/sandbox.h"

namespace eco::lua {
namespace fs = std::filesystem;

class PluginTestHarness::Data : public DataService {
 public:
  std::shared_ptr<const nlohmann::json> snapshot() const override { return snapshot_; }
  std::shared_ptr<const nlohmann::json> snapshot_;
};

namespace {

constexpr const char* kDefaultNow = "2026-06-24T10:00:00+08:00";

PluginTestHarness& harness(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, "ecolobby.harness");
  auto* h = static_cast<PluginTestHarness*>(lua_touserdata(L, -1));
  lua_pop(L, 1);
  return *h;
}

PluginRuntime& plugin(lua_State* L) {
  auto* rt = harness(L).runtime();
  if (!rt) luaL_error(L, "the plugin has not been started");
  return *rt;
}

int t_start(lua_State* L) {
  const char* now_field = opt_string_field(L, 1, "now");
  std::string now = now_field ? now_field : kDefaultNow;
  nlohmann::json settings = nlohmann::json::object(), environment = nlohmann::json::object();
  if (lua_istable(L, 1)) {
    lua_getfield(L, 1, "settings");
    if (lua_istable(L, -1)) settings = to_json(L, -1);
    lua_pop(L, 1);
    lua_getfield(L, 1, "departments");
    if (lua_istable(L, -1)) environment["departments"] = to_json(L, -1);
    lua_pop(L, 1);
    for (const char* key : {"content", "language", "orientation"}) {
      lua_getfield(L, 1, key);
      if (lua_isstring(L, -1)) environment[key] = lua_tostring(L, -1);
      lua_pop(L, 1);
    }
  }
  char message[512] = {0};
  try {
    harness(L).start_plugin(now, settings, environment);
    return 0;
  } catch (const std::exception& e) {  // never let a C++ exception cross Lua's C frames
    std::snprintf(message, sizeof message, "test.start: %s", e.what());
  }
  return luaL_error(L, "%s", message);
}

int t_frame(lua_State* L) {
  harness(L).run_frames(static_cast<int>(opt_integer_in(L, 1, "test.frame", "n", 0, 100000, 1)));
  return 0;
}

int t_advance(lua_State* L) {
  harness(L).advance(check_number_in(L, 1, "test.advance", "seconds", 0, 1e7));
  return 0;
}

int t_tap(lua_State* L) {
  std::string target = luaL_checkstring(L, 1);
  if (!harness(L).tap_widget(target)) {
    std::string have;
    for (const auto& w : plugin(L).last_widgets()) have += (have.empty() ? "" : ", ") + w.label;
    return luaL_error(L, "test.tap: no widget '%s' on screen (there are: %s)", target.c_str(), have.c_str());
  }
  return 0;
}

int t_tap_at(lua_State* L) {
  harness(L).tap_at({static_cast<float>(luaL_checknumber(L, 1)), static_cast<float>(luaL_checknumber(L, 2))});
  return 0;
}

// test.swipe("left"|"right"|"up"|"down"[, x, y]): a 400 px drag from (x, y) (the centre of the
// screen), then one frame.
int t_swipe(lua_State* L) {
  static const char* const kDirections[] = {"left", "right", "up", "down", nullptr};
  const SwipeDirection directions[] = {SwipeDirection::Left, SwipeDirection::Right, SwipeDirection::Up, SwipeDirection::Down};
  int d = luaL_checkoption(L, 1, nullptr, kDirections);
  const RuntimeOptions& o = plugin(L).options();
  Vec2 from{static_cast<float>(o.canvas_width) / 2, static_cast<float>(o.canvas_height) / 2};
  if (!lua_isnoneornil(L, 2)) from = {check_finite(L, 2, "test.swipe", "x"), check_finite(L, 3, "test.swipe", "y")};
  const Vec2 move[] = {{-400, 0}, {400, 0}, {0, -400}, {0, 400}};
  harness(L).swipe({from, {from.x + move[d].x, from.y + move[d].y}, directions[d]});
  return 0;
}

int t_drawn(lua_State* L) {
  std::string needle = luaL_checkstring(L, 1);
  const auto& texts = harness(L).painter().texts;
  lua_pushboolean(L, std::any_of(texts.begin(), texts.end(), [&](const RecordedText& t) {
                    return t.text.find(needle) != std::string::npos;
                  }));
  return 1;
}

int t_texts(lua_State* L) {
  const auto& texts = harness(L).painter().texts;
  lua_createtable(L, static_cast<int>(texts.size()), 0);
  for (size_t i = 0; i < texts.size(); ++i) {
    lua_pushstring(L, texts[i].text.c_str());
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

int t_widgets(lua_State* L) {
  const auto& ws = plugin(L).last_widgets();
  lua_createtable(L, static_cast<int>(ws.size()), 0);
  for (size_t i = 0; i < ws.size(); ++i) {
    push_json(L, {{"id", ws[i].id}, {"label", ws[i].label}, {"x", ws[i].hit.x}, {"y", ws[i].hit.y},
                  {"w", ws[i].hit.w}, {"h", ws[i].hit.h}});
    lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
  }
  return 1;
}

int t_logged(lua_State* L) {
  std::string kind = luaL_optstring(L, 1, "");
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : harness(L).participation()->events())
    if (kind.empty() || e.kind == kind) out.push_back({{"kind", e.kind}, {"fields", e.fields}});
  push_json(L, out);
  if (out.empty()) {
    lua_pop(L, 1);
    lua_newtable(L);
  }
  return 1;
}

int t_stored(lua_State* L) {
  auto v = harness(L).store()->get(plugin(L).manifest().id, luaL_checkstring(L, 1));
  if (!v) return 0;
  push_json(L, nlohmann::json::parse(*v));
  return 1;
}

int t_set_data(lua_State* L) {
  harness(L).set_data(lua_isnil(L, 1) ? nlohmann::json() : to_json(L, 1));
  return 0;
}

int t_error(lua_State* L) {
  const std::string& e = plugin(L).last_error();
  if (e.empty()) return 0;
  lua_pushstring(L, e.c_str());
  return 1;
}

int t_disabled(lua_State* L) {
  lua_pushboolean(L, plugin(L).disabled());
  return 1;
}

int t_enter(lua_State* L) {
  plugin(L).enter();
  return 0;
}

int t_leave(lua_State* L) {
  plugin(L).leave();
  return 0;
}

int t_eq(lua_State* L) {
  if (!lua_compare(L, 1, 2, LUA_OPEQ)) {
    const char* a = luaL_tolstring(L, 1, nullptr);
    const char* b = luaL_tolstring(L, 2, nullptr);
    return luaL_error(L, "%s: expected %s, got %s", luaL_optstring(L, 3, "test.eq"), b, a);
  }
  return 0;
}

int t_ok(lua_State* L) {
  if (!lua_toboolean(L, 1)) return luaL_error(L, "%s", luaL_optstring(L, 2, "test.ok: expected a true value"));
  return 0;
}

int t_case(lua_State* L) {
  luaL_checkstring(L, 1);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_getfield(L, LUA_REGISTRYINDEX, "ecolobby.cases");
  lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L, -1));
  lua_createtable(L, 2, 0);
  lua_pushvalue(L, 1);
  lua_rawseti(L, -2, 1);
  lua_pushvalue(L, 2);
  lua_rawseti(L, -2, 2);
  lua_rawseti(L, -2, n + 1);
  return 0;
}

int traceback(lua_State* L) {
  const char* msg = lua_tostring(L, 1);
  luaL_traceback(L, L, msg ? msg : "(error object is not a string)", 1);
  return 1;
}

}  // namespace

PluginTestHarness::PluginTestHarness(fs::path plugin_dir, const Config& config)
    : plugin_dir_(std::move(plugin_dir)), config_(config),
      manifest_(load_manifest(plugin_dir_, max_plugin_memory(config))), data_(std::make_unique<Data>()) {}

PluginTestHarness::~PluginTestHarness() = default;

void PluginTestHarness::set_data(nlohmann::json snapshot) {
  data_->snapshot_ = snapshot.is_null() ? nullptr : std::make_shared<const nlohmann::json>(std::move(snapshot));
}

void PluginTestHarness::start_plugin(const std::string& now_iso, const nlohmann::json& settings_override,
                                     const nlohmann::json& environment) {
  auto now = parse_iso8601(now_iso);
  if (!now) throw std::invalid_argument("test.start: bad time '" + now_iso + "'");
  runtime_.reset();
  clock_ = std::make_unique<Clock>(now->utc, now->offset_minutes, 1.0, Clock::Mode::Manual);
  participation_ = std::make_unique<MemoryParticipation>(*clock_);
  store_ = std::make_unique<MemoryKeyValue>();
  nlohmann::json settings = resolve_settings(manifest_, nullptr, "test");
  for (const auto& [k, v] : settings_override.items()) settings[k] = v;
  RuntimeOptions options = runtime_options(config_);
  options.limits.memory_bytes = manifest_.memory_bytes;
  if (environment.contains("departments") && environment["departments"].is_array())
    options.departments = environment["departments"].get<std::vector<std::string>>();
  if (environment.contains("language")) options.language = environment["language"].get<std::string>();
  if (environment.contains("orientation")) options.set_portrait(environment["orientation"] == "portrait");
  if (environment.contains("content")) options.content_dir = manifest_.dir / environment["content"].get<std::string>();
  runtime_ = std::make_unique<PluginRuntime>(manifest_, settings, *clock_,
                                             Services{participation_.get(), store_.get(), data_.get()}, options);
  if (runtime_->start()) runtime_->enter();
  pending_taps_.clear();
}

void PluginTestHarness::run_frames(int n) {
  if (!runtime_) start_plugin(kDefaultNow, nlohmann::json::object());
  for (int i = 0; i < std::clamp(n, 1, 10000); ++i) {
    FrameInput input;
    input.taps = std::move(pending_taps_);
    pending_taps_.clear();
    input.swipes = std::move(pending_swipes_);
    pending_swipes_.clear();
    painter_.clear();
    runtime_->frame(painter_, input, 1.0f / 30);
    clock_->advance(std::chrono::milliseconds(33));
  }
}

void PluginTestHarness::advance(double seconds) {
  if (!runtime_) start_plugin(kDefaultNow, nlohmann::json::object());
  // Frames every 500 ms of virtual time, so timers and idle logic run as on a screen.
  auto remaining = std::chrono::milliseconds(static_cast<int64_t>(std::max(0.0, seconds) * 1000));
  while (remaining.count() > 0) {
    auto step = std::min(remaining, std::chrono::milliseconds(500));
    clock_->advance(step);
    remaining -= step;
    FrameInput none;
    painter_.clear();
    runtime_->frame(painter_, none, static_cast<float>(step.count()) / 1000.0f);
  }
}

bool PluginTestHarness::tap_widget(const std::string& target) {
  if (!runtime_) run_frames(1);
  for (const auto& w : runtime_->last_widgets()) {
    if (w.id == target || w.label == target) {
      tap_at(w.hit.center());
      return true;
    }
  }
  return false;
}

void PluginTestHarness::tap_at(Vec2 p) {
  pending_taps_.push_back(p);
  run_frames(1);
}

void PluginTestHarness::swipe(Swipe s) {
  if (!runtime_) run_frames(1);
  pending_swipes_.push_back(s);
  run_frames(1);
}

TestSummary PluginTestHarness::run(std::ostream& out) {
  TestSummary summary;
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(plugin_dir_ / "tests", ec))
    if (e.path().extension() == ".lua") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    Budget budget(256u << 20);
    StatePtr state = new_sandboxed_state(budget);
    if (!state) throw std::runtime_error("cannot create a Lua state for the tests");
    lua_State* L = state.get();
    lua_pushlightuserdata(L, this);
    lua_setfield(L, LUA_REGISTRYINDEX, "ecolobby.harness");
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "ecolobby.cases");
    const luaL_Reg fns[] = {{"case", t_case},       {"start", t_start},       {"frame", t_frame},
                            {"advance", t_advance}, {"tap", t_tap},           {"tap_at", t_tap_at},
                            {"swipe", t_swipe},
                            {"drawn", t_drawn},     {"texts", t_texts},       {"widgets", t_widgets},
                            {"logged", t_logged},   {"stored", t_stored},     {"set_data", t_set_data},
                            {"error", t_error},     {"disabled", t_disabled}, {"enter", t_enter},
                            {"leave", t_leave},     {"eq", t_eq},             {"ok", t_ok},
                            {nullptr, nullptr}};
    luaL_newlib(L, fns);
    lua_setglobal(L, "test");
    std::string name = file.filename().string();
    std::string source;
    try {
      source = read_text_file(file.string());
    } catch (const std::exception& e) {
      out << "not ok - " << name << ": " << e.what() << "\n";
      ++summary.failed;
      continue;
    }
    lua_pushcfunction(L, traceback);
    std::string chunk = "@tests/" + name;
    if (luaL_loadbufferx(L, source.data(), source.size(), chunk.c_str(), "t") != LUA_OK ||
        lua_pcall(L, 0, 0, 1) != LUA_OK) {
      out << "not ok - " << name << ": " << lua_tostring(L, -1) << "\n";
      ++summary.failed;
      continue;
    }
    lua_getfield(L, LUA_REGISTRYINDEX, "ecolobby.cases");
    int cases = lua_gettop(L);
    for (lua_Integer i = 1; i <= static_cast<lua_Integer>(lua_rawlen(L, cases)); ++i) {
      lua_rawgeti(L, cases, i);
      lua_rawgeti(L, -1, 1);
      std::string case_name = lua_tostring(L, -1);
      lua_pop(L, 1);
      runtime_.reset();
      set_data(nullptr);
      try {
        start_plugin(kDefaultNow, nlohmann::json::object());
      } catch (const std::exception& e) {
        out << "not ok - " << name << ": " << case_name << ": " << e.what() << "\n";
        ++summary.failed;
        lua_pop(L, 1);
        continue;
      }
      lua_pushcfunction(L, traceback);
      lua_rawgeti(L, -2, 2);
      int status = LUA_OK;
      try {
        status = lua_pcall(L, 0, 0, -2);
      } catch (...) {
        status = LUA_ERRRUN;
        lua_pushstring(L, "C++ exception in the test API");
      }
      if (status == LUA_OK) {
        out << "ok - " << name << ": " << case_name << "\n";
        ++summary.passed;
      } else {
        out << "not ok - " << name << ": " << case_name << "\n    " << lua_tostring(L, -1) << "\n";
        ++summary.failed;
      }
      lua_settop(L, cases);
    }
  }
  out << summary.passed << " passed, " << summary.failed << " failed\n";
  return summary;
}

}  // namespace eco::lua
