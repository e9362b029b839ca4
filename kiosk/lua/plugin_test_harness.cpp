#include "lua/plugin_test_harness.h"

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <ostream>
#include <stdexcept>

#include <fmt/format.h>
#include <lua.hpp>
#include <spdlog/spdlog.h>

#include "base/screen_locale.h"
#include "base/toml_reader.h"
#include "lua/lua_values.h"
#include "lua/plugin_catalog.h"
#include "lua/plugin_error.h"
#include "lua/sandbox.h"
#include "lua/store_services.h"
#include "render/image_cache.h"
#include "store/database.h"
#include "store/store_config.h"

namespace eco::lua {
namespace fs = std::filesystem;

class PluginTestHarness::Data : public DataService {
 public:
  std::shared_ptr<const nlohmann::json> snapshot() const override { return snapshot_; }
  std::shared_ptr<const nlohmann::json> snapshot_;
};

namespace {

// The screen's participation service, remembering what it kept for test.logged(). Queries first
// let the writer commit what is queued: on a screen it commits within 20 ms, here results must
// not depend on the writer thread's timing.
class RecordingParticipation : public ParticipationService {
 public:
  RecordingParticipation(SqliteParticipation& real, store::ParticipationWriter& writer, const Clock& clock)
      : real_(real), writer_(writer), clock_(clock) {}
  void log(const std::string& plugin, const std::string& kind, const nlohmann::json& fields,
           const std::vector<std::string>& allowed_keys) override {
    uint64_t refused = real_.rate_limited();
    real_.log(plugin, kind, fields, allowed_keys);
    if (real_.rate_limited() == refused) events_.push_back({plugin, kind, fields, clock_.local_now().day_number()});
  }
  int64_t count(const std::string& plugin, const std::string& kind, DayRange days) override {
    committed();
    return real_.count(plugin, kind, days);
  }
  std::vector<LeaderboardEntry> leaderboard(const std::string& plugin, const std::string& kind,
                                            const std::string& group_by, const std::string& field, bool average,
                                            int n, DayRange days) override {
    committed();
    return real_.leaderboard(plugin, kind, group_by, field, average, n, days);
  }
  int streak(const std::string& plugin, const std::string& kind, const std::string& group_by,
             const std::string& group) override {
    committed();
    return real_.streak(plugin, kind, group_by, group);
  }
  const std::vector<LoggedEvent>& events() const { return events_; }

 private:
  void committed() { writer_.flush(std::chrono::seconds(30)); }
  SqliteParticipation& real_;
  store::ParticipationWriter& writer_;
  const Clock& clock_;
  std::vector<LoggedEvent> events_;
};

// Whether the screen's image loader accepts each file, checked once, as its image cache does.
using Loadable = std::map<std::string, bool>;

// ui.image answers as on the screen: false for a file the screen's image loader refuses.
class ScreenPainter : public RecordingPainter {
 public:
  ScreenPainter(Vec2 canvas, Loadable& loadable) : RecordingPainter(canvas), loadable_(loadable) {}
  bool image(Rect r, const std::string& path, Color tint) override {
    if (!std::isfinite(r.x) || !std::isfinite(r.y) || !std::isfinite(r.w) || !std::isfinite(r.h) || r.w <= 0 || r.h <= 0)
      return false;
    auto it = loadable_.find(path);
    if (it == loadable_.end()) it = loadable_.emplace(path, load_image_surface(path) != nullptr).first;
    return it->second && RecordingPainter::image(r, path, tint);
  }

 private:
  Loadable& loadable_;
};

// The plugin's images, decoded before any case: decoding (and SDL_image loading its codecs) in a
// frame would be charged to the plugin's CPU budget, and a test must not pass or fail with the
// machine's load.
Loadable check_images(const fs::path& dir) {
  Loadable out;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    std::string ext = it->path().extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    if (it->is_regular_file(ec) && (ext == ".png" || ext == ".jpg" || ext == ".jpeg" || ext == ".bmp" || ext == ".gif" || ext == ".webp")) {
      std::string path = fs::weakly_canonical(it->path(), ec).string();  // as resolve_asset gives it
      out[path] = load_image_surface(path) != nullptr;
    }
  }
  return out;
}

}  // namespace

// One case's screen: the kiosk's SQLite store on a scratch database, and the painter.
class PluginTestHarness::Screen {
 public:
  Screen(const Config& config, const Clock& clock, const RuntimeOptions& options, Loadable& images)
      : painter({float(options.canvas_width), float(options.canvas_height)}, images) {
    static int counter = 0;
    dir_ = fs::temp_directory_path() / fmt::format("ecolobby-plugin-test-{}-{}", ::getpid(), counter++);
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    fs::path db = store::database_path(dir_);
    {  // a scratch database per case: its migrations are not news for the officer
      auto level = spdlog::get_level();
      spdlog::set_level(spdlog::level::warn);
      store::open_database(db);
      spdlog::set_level(level);
    }
    store::StoreConfig store_config = store::load_store_config(config);
    store::WriterOptions writer_options = store::writer_options(store_config);
    writer_options.batch_interval = std::chrono::hours(1);  // commits when a query asks (flush)
    writer_ = std::make_unique<store::ParticipationWriter>(db, writer_options);
    sqlite_ = std::make_unique<SqliteParticipation>(clock, *writer_, db, config.kiosk_id, options.departments,
                                                    store_config.events_per_minute);
    participation_ = std::make_unique<RecordingParticipation>(*sqlite_, *writer_, clock);
    store_ = std::make_unique<SqliteKeyValue>(db);
  }
  ~Screen() {
    store_.reset();
    writer_.reset();  // commits what is queued, calling back into the participation service's shared state
    participation_.reset();
    sqlite_.reset();
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  ParticipationService* participation() { return participation_.get(); }
  const std::vector<LoggedEvent>& logged() const { return participation_->events(); }
  KeyValueService* store() { return store_.get(); }
  ScreenPainter painter;

 private:
  fs::path dir_;
  std::unique_ptr<store::ParticipationWriter> writer_;
  std::unique_ptr<SqliteParticipation> sqlite_;
  std::unique_ptr<RecordingParticipation> participation_;
  std::unique_ptr<SqliteKeyValue> store_;
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
  // Every C++ object lives in the block and is gone before luaL_error longjmps (Debian's Lua is
  // built as C: a jump past a destructor leaks), and to_json's exceptions never cross Lua's frames.
  char message[512] = {0};
  try {
    const char* now_field = opt_string_field(L, 1, "now");
    std::string now = now_field ? now_field : kDefaultNow;
    nlohmann::json settings = nlohmann::json::object(), environment = nlohmann::json::object();
    if (lua_istable(L, 1)) {
      lua_getfield(L, 1, "settings");
      if (lua_istable(L, -1)) settings = to_json(L, -1, 0, "settings");
      lua_pop(L, 1);
      lua_getfield(L, 1, "departments");
      if (lua_istable(L, -1)) environment["departments"] = to_json(L, -1, 0, "departments");
      lua_pop(L, 1);
      for (const char* key : {"content", "language", "orientation"}) {
        lua_getfield(L, 1, key);
        if (lua_isstring(L, -1)) environment[key] = lua_tostring(L, -1);
        lua_pop(L, 1);
      }
    }
    harness(L).start_plugin(now, settings, environment);
    return 0;
  } catch (const std::exception& e) {
    std::snprintf(message, sizeof message, "test.start: %s", e.what());
  }
  return luaL_error(L, "%s", message);
}

int t_restart(lua_State* L) {
  char message[512] = {0};
  try {
    harness(L).restart_plugin();
    return 0;
  } catch (const std::exception& e) {
    std::snprintf(message, sizeof message, "test.restart: %s", e.what());
  }
  return luaL_error(L, "%s", message);
}

int t_expect_error(lua_State* L) {
  luaL_checkstring(L, 1);
  luaL_where(L, 1);  // the test's file:line, for "the plugin raised no error"
  harness(L).expected_failures().push_back({lua_tostring(L, 1), lua_tostring(L, -1)});
  return 0;
}

// test.api.<table>.<name>: the plugin's own API tables, looked up and called in the plugin's
// state (its permissions, its services, the screen's checks). Arguments and results cross as
// plain values (no functions).
struct ApiAccess {
  std::string table, key;
  bool call = false;
  nlohmann::json args = nlohmann::json::array(), results = nlohmann::json::array();
  bool is_function = false;
};

int run_api_access(lua_State* P) {
  auto* a = static_cast<ApiAccess*>(lua_touserdata(P, 1));
  lua_settop(P, 0);
  lua_getglobal(P, a->table.c_str());
  if (lua_isnil(P, -1)) return luaL_error(P, "the plugin has no table '%s'", a->table.c_str());
  lua_getfield(P, 1, a->key.c_str());
  a->is_function = lua_isfunction(P, -1);
  if (!a->call && a->is_function) return 0;
  int first = 2;
  if (a->call) {
    if (!a->is_function) return luaL_error(P, "%s.%s is not a function", a->table.c_str(), a->key.c_str());
    for (const auto& v : a->args) push_json(P, v);
    lua_call(P, static_cast<int>(a->args.size()), LUA_MULTRET);
  }
  char message[300] = {0};
  try {
    for (int i = first; i <= lua_gettop(P); ++i) a->results.push_back(to_json(P, i));
    return 0;
  } catch (const std::exception& e) {
    std::snprintf(message, sizeof message, "%s.%s: %s", a->table.c_str(), a->key.c_str(), e.what());
  }
  return luaL_error(P, "%s", message);
}

// Runs `a` in the plugin's state, through the runtime's one protected call; false with the
// error in `message` when it failed.
bool api_access(lua_State* L, ApiAccess& a, char (&message)[512]) {
  PluginRuntime* rt = harness(L).runtime();
  if (!rt || !rt->state()) {
    std::snprintf(message, sizeof message, "test.api: the plugin is not loaded");
    return false;
  }
  const std::string failure = rt->run_host_code(run_api_access, &a, "test.api");
  if (!failure.empty()) std::snprintf(message, sizeof message, "%s", failure.c_str());
  return failure.empty();
}

// Lua errors are raised only once the C++ objects of these functions are gone (longjmp).
int t_api_call(lua_State* L) {
  char message[512] = {0};
  int n = 0;
  {
    ApiAccess a{lua_tostring(L, lua_upvalueindex(1)), lua_tostring(L, lua_upvalueindex(2)), true};
    try {
      for (int i = 1; i <= lua_gettop(L); ++i) a.args.push_back(to_json(L, i));
    } catch (const std::exception& e) {
      std::snprintf(message, sizeof message, "test.api: %s.%s: %s", a.table.c_str(), a.key.c_str(), e.what());
    }
    if (!message[0] && api_access(L, a, message)) {
      for (const auto& v : a.results) push_json(L, v);
      n = static_cast<int>(a.results.size());
    }
  }
  if (message[0]) return luaL_error(L, "%s", message);
  return n;
}

int t_api_member(lua_State* L) {  // proxy, key
  const char* key = luaL_checkstring(L, 2);
  char message[512] = {0};
  {
    ApiAccess a{lua_tostring(L, lua_upvalueindex(1)), key};
    if (api_access(L, a, message)) {
      if (a.is_function) {
        lua_pushstring(L, a.table.c_str());
        lua_pushstring(L, a.key.c_str());
        lua_pushcclosure(L, t_api_call, 2);
      } else {
        push_json(L, a.results.empty() ? nlohmann::json() : a.results[0]);
      }
    }
  }
  if (message[0]) return luaL_error(L, "%s", message);
  return 1;
}

int t_api_table(lua_State* L) {  // test.api, table name
  const char* name = luaL_checkstring(L, 2);
  lua_newtable(L);
  lua_createtable(L, 0, 1);
  lua_pushstring(L, name);
  lua_pushcclosure(L, t_api_member, 1);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  return 1;
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
  const char* target = luaL_checkstring(L, 1);
  PluginRuntime& rt = plugin(L);
  char message[1024] = {0};
  {  // the strings are gone before luaL_error longjmps
    if (harness(L).tap_widget(target)) return 0;
    std::string have;
    for (const auto& w : rt.last_widgets()) have += (have.empty() ? "" : ", ") + w.label;
    if (!harness(L).on_screen())
      std::snprintf(message, sizeof message, "test.tap: no widget '%s' on screen: %s", target,
                    harness(L).available() ? "the plugin's error card shows until test.enter()"
                                           : "the screen does not show the plugin now (test.available() is false)");
    else
      std::snprintf(message, sizeof message, "test.tap: no widget '%s' on screen (there are: %s)", target, have.c_str());
  }
  return luaL_error(L, "%s", message);
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
  for (const auto& e : harness(L).logged())
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
  if (!v) {
    lua_pushnil(L);
    return 1;
  }
  push_json(L, nlohmann::json::parse(*v));
  return 1;
}

int t_set_data(lua_State* L) {
  harness(L).set_data(lua_isnil(L, 1) ? nlohmann::json() : to_json(L, 1));
  return 0;
}

int t_error(lua_State* L) {
  const std::string& e = plugin(L).last_error();
  if (e.empty())
    lua_pushnil(L);  // one value, so tostring(test.error()) works
  else
    lua_pushstring(L, e.c_str());
  return 1;
}

int t_disabled(lua_State* L) {
  lua_pushboolean(L, plugin(L).disabled());
  return 1;
}

int t_enter(lua_State* L) {
  plugin(L);  // started
  harness(L).enter();
  return 0;
}

int t_leave(lua_State* L) {
  plugin(L);
  harness(L).leave();
  return 0;
}

int t_available(lua_State* L) {
  plugin(L);
  lua_pushboolean(L, harness(L).available());
  return 1;
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

// Settings given to test.start, checked as a schedule slot's [slot.settings] would be.
toml::table settings_table(const nlohmann::json& settings) {
  toml::table t;
  for (const auto& [k, v] : settings.items()) {
    if (v.is_boolean()) t.insert(k, v.get<bool>());
    else if (v.is_number_integer()) t.insert(k, v.get<int64_t>());
    else if (v.is_number()) t.insert(k, v.get<double>());
    else if (v.is_string()) t.insert(k, v.get<std::string>());
    else throw ConfigError(fmt::format("setting '{}' must be a string, number or boolean", k));
  }
  return t;
}

}  // namespace

PluginTestHarness::PluginTestHarness(fs::path plugin_dir, const Config& config)
    : plugin_dir_(std::move(plugin_dir)), config_(config),
      manifest_(load_manifest(plugin_dir_, max_plugin_memory(config))), data_(std::make_unique<Data>()),
      images_(std::make_unique<Loadable>(check_images(manifest_.dir))) {}

PluginTestHarness::~PluginTestHarness() {
  scene_.reset();  // before the services it calls
  screen_.reset();
}

RecordingPainter& PluginTestHarness::painter() { return screen_->painter; }
const std::vector<LoggedEvent>& PluginTestHarness::logged() const { return screen_->logged(); }
KeyValueService* PluginTestHarness::store() { return screen_->store(); }

void PluginTestHarness::set_data(nlohmann::json snapshot) {
  data_->snapshot_ = snapshot.is_null() ? nullptr : std::make_shared<const nlohmann::json>(std::move(snapshot));
}

void PluginTestHarness::start_plugin(const std::string& now_iso, const nlohmann::json& settings_override,
                                     const nlohmann::json& environment) {
  auto now = parse_iso8601(now_iso);
  if (!now) throw std::invalid_argument("bad time '" + now_iso + "'");
  toml::table overrides = settings_table(settings_override);
  nlohmann::json settings = resolve_settings(manifest_, &overrides, "settings");
  RuntimeOptions options = runtime_options(config_);
  options.limits.memory_bytes = manifest_.memory_bytes;
  if (environment.contains("departments") && environment["departments"].is_array())
    options.departments = environment["departments"].get<std::vector<std::string>>();
  if (environment.contains("language")) {  // what the configuration's `language` accepts
    options.language = environment["language"].get<std::string>();
    if (options.language != "zh-CN" && options.language != "en")
      throw std::invalid_argument("language must be \"zh-CN\" or \"en\", got '" + options.language + "'");
  }
  if (environment.contains("orientation")) {
    std::string o = environment["orientation"].get<std::string>();
    if (o != "landscape" && o != "portrait")
      throw std::invalid_argument("orientation must be \"landscape\" or \"portrait\", got '" + o + "'");
    options.set_portrait(o == "portrait");
  }
  if (environment.contains("content")) options.content_dir = manifest_.dir / environment["content"].get<std::string>();
  options.on_failure = [this](const std::string& what) { failures_.push_back(what); };
  options.on_text_problem = [this](const std::string& what) {  // once each: a frame asks again and again
    if (std::find(failures_.begin(), failures_.end(), what) == failures_.end()) failures_.push_back(what);
  };
  options.dev_mode = true;  // tests are development: i18n and small-button warnings name file:line
  options.keep_broken_on_screen = false;  // but the rotation is a real screen's: broken plugins are skipped
  scene_.reset();
  screen_.reset();
  failures_.clear();  // a fresh start: what the previous start did is gone
  skip_noted_ = false;
  if (screen_locale_.language() != options.language || !screen_locale_.has("plugin.error_card"))
    screen_locale_ = load_screen_locale(options.language);
  clock_ = std::make_unique<Clock>(now->utc, now->offset_minutes, 1.0, Clock::Mode::Manual);
  screen_ = std::make_unique<Screen>(config_, *clock_, options, *images_);
  settings_ = std::move(settings);
  options_ = std::move(options);
  last_tap_ = clock_->now();
  in_use_ = false;
  make_runtime();
}

void PluginTestHarness::restart_plugin() {
  if (!scene_) throw std::logic_error("the plugin has not been started");
  // A restarted screen draws another random sequence (its clock starts anew, lua/api_random.cpp);
  // here the test clock runs on, so the next seed stands for the new start: deterministic per
  // case, different from the last one.
  options_.seed = options_.seed * 6364136223846793005ULL + 1442695040888963407ULL;
  make_runtime();
}

void PluginTestHarness::make_runtime() {
  scene_.reset();
  in_use_ = false;
  entered_ = left_ = false;
  auto runtime = std::make_unique<PluginRuntime>(manifest_, settings_, *clock_,
                                                 Services{screen_->participation(), screen_->store(), data_.get()}, options_);
  runtime->start();  // as the screen's catalog does: one that fails to load is unavailable
  scene_ = std::make_unique<PluginScene>(std::move(runtime));
  pending_taps_.clear();
  last_frame_ = clock_->now();
  if (scene_->available()) enter();  // else its first frame says why the screen would skip it
}

SceneContext PluginTestHarness::context(const FrameInput& input, float dt, const LocalTime& local) const {
  return SceneContext{*clock_, local, dt, input, screen_locale_, config_, nullptr, in_use_};
}

void PluginTestHarness::enter() {
  left_ = false;
  if (!scene_->available()) {  // the rotation would not pick the slot
    entered_ = false;
    return;
  }
  FrameInput none;
  scene_->enter(context(none, 0, clock_->local_now()));
  entered_ = true;
}

void PluginTestHarness::leave() {
  if (entered_) scene_->leave();
  entered_ = false;
  left_ = true;  // another slot shows until test.enter()
}

// A frame was due but the screen would not show the plugin. Failures to load and the disabling
// failures are already the case's; what is left is a needs_data plugin without figures.
void PluginTestHarness::note_skipped() {
  const PluginRuntime& rt = scene_->runtime();
  if (skip_noted_ || !rt.started() || rt.disabled()) return;
  skip_noted_ = true;
  failures_.push_back("the screen skips this plugin: plugin.toml says needs_data = true and no energy figures have "
                      "arrived (give the case some with test.set_data{...})");
}

void PluginTestHarness::frame_now(FrameInput input, float dt) {
  // Whether someone is using the screen, decided as the kiosk's frame loop does it, before it
  // draws (app/kiosk_app's focus step): the plugin's kiosk.focus()/release() from the frame
  // before, a tap on an interactive plugin, idle_timeout_s without a tap. The next frame is due
  // by what was decided here (every second in use), as the kiosk's deadline is.
  TimePoint now = clock_->now();
  if (!input.taps.empty() || !input.swipes.empty()) last_tap_ = now;
  screen_->painter.clear();
  last_frame_ = now;
  if (!entered_ && !left_ && scene_->available()) enter();  // figures arrived: the slot's turn comes
  if (!entered_) {  // another slot is on screen
    if (!left_) note_skipped();
    return;
  }
  switch (scene_->take_focus_request()) {
    case FocusRequest::Take: in_use_ = true; break;
    case FocusRequest::Release: in_use_ = false; break;
    case FocusRequest::None: break;
  }
  if (manifest_.interactive && (!input.taps.empty() || !input.swipes.empty())) in_use_ = true;
  if (in_use_ && now - last_tap_ >= std::chrono::seconds(config_.idle_timeout_s)) in_use_ = false;
  scene_->frame(context(input, dt, clock_->local_now()), screen_->painter);
}

void PluginTestHarness::run_frames(int n) {
  if (!scene_) start_plugin(kDefaultNow, nlohmann::json::object());
  for (int i = 0; i < std::clamp(n, 1, 10000); ++i) {
    FrameInput input;
    input.taps = std::move(pending_taps_);
    pending_taps_.clear();
    input.swipes = std::move(pending_swipes_);
    pending_swipes_.clear();
    frame_now(std::move(input), 1.0f / 30);
    clock_->advance(std::chrono::milliseconds(33));
  }
}

void PluginTestHarness::advance(double seconds) {
  if (!scene_) start_plugin(kDefaultNow, nlohmann::json::object());
  // The screen draws a plugin only when it asks to be drawn (render on demand): at its timers,
  // when it animates, at each new minute, and every second while someone uses it (within
  // idle_timeout_s of a tap). Time jumps from one such moment to the next, so a simulated day
  // costs about 1440 frames, not one every half second.
  constexpr std::chrono::milliseconds kFrame{33};
  TimePoint end = clock_->now() + std::chrono::milliseconds(static_cast<int64_t>(std::max(0.0, seconds) * 1000));
  while (clock_->now() < end) {
    if (!entered_) {
      frame_now({}, 0);  // enters it if its turn can come, else notes why the screen skips it
      if (!entered_) {
        clock_->advance(std::chrono::duration_cast<std::chrono::milliseconds>(end - clock_->now()));
        break;
      }
    }
    FrameInput none;
    auto wait = std::max(std::chrono::duration_cast<std::chrono::milliseconds>(
                             scene_->next_change(context(none, 0, clock_->local_now()))),
                         kFrame);
    if (in_use_)  // the idle timeout ends the use at its own moment
      wait = std::min(wait, std::max(kFrame, std::chrono::duration_cast<std::chrono::milliseconds>(
                                                 last_tap_ + std::chrono::seconds(config_.idle_timeout_s) - clock_->now())));
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(end - clock_->now());
    if (wait > left) {  // no frame is due before the end: the time passes undrawn
      clock_->advance(left);
      break;
    }
    clock_->advance(wait);
    frame_now({}, std::chrono::duration<float>(clock_->now() - last_frame_).count());
  }
}

bool PluginTestHarness::tap_widget(const std::string& target) {
  if (!scene_) run_frames(1);
  if (!on_screen()) return false;  // what the screen shows instead has no widgets
  for (const auto& w : scene_->runtime().last_widgets()) {
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

namespace {

// string.find(text, pattern) in the test's state; a bad pattern is the test's error.
bool lua_find(lua_State* L, const std::string& text, const std::string& pattern, std::string& error) {
  int top = lua_gettop(L);
  lua_getglobal(L, "string");
  lua_getfield(L, -1, "find");
  lua_pushlstring(L, text.data(), text.size());
  lua_pushlstring(L, pattern.data(), pattern.size());
  bool found = false;
  if (lua_pcall(L, 2, 1, 0) != LUA_OK)
    error = "test.expect_error(\"" + pattern + "\"): " + (lua_tostring(L, -1) ? lua_tostring(L, -1) : "bad pattern");
  else
    found = !lua_isnil(L, -1);
  lua_settop(L, top);
  return found;
}

}  // namespace

// Why a case whose own checks passed still fails: the plugin failed (or was disabled by its
// failures) and the case did not expect it, or it expected a failure that did not happen.
std::string PluginTestHarness::plugin_failure_verdict(lua_State* L) {
  std::string error;
  std::vector<bool> pattern_seen(expected_.size(), false);
  for (const auto& f : failures_) {
    std::string summary = error_summary(f);
    bool expected = false;
    for (size_t i = 0; i < expected_.size(); ++i)
      if (lua_find(L, summary, expected_[i].pattern, error)) expected = pattern_seen[i] = true;
    if (!error.empty()) return error;
    if (!expected) {
      std::string verdict = "the plugin failed: " + summary;
      if (scene_ && scene_->runtime().disabled()) verdict += "\n    and was disabled after " +
                                                       std::to_string(PluginRuntime::kFailuresToDisable) + " failures";
      return verdict;
    }
  }
  for (size_t i = 0; i < expected_.size(); ++i)
    if (!pattern_seen[i])
      return expected_[i].where + "test.expect_error(\"" + expected_[i].pattern + "\"): " +
             (failures_.empty() ? std::string("the plugin raised no error")
                                : "no error of the plugin matched; it raised: " + error_summary(failures_.back()));
  return {};
}

void PluginTestHarness::swipe(Swipe s) {
  if (!scene_) run_frames(1);
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
    lua_pushstring(L, manifest_.id.c_str());  // print() in a test is logged as the plugin's
    lua_setfield(L, LUA_REGISTRYINDEX, "ecolobby.plugin_id");
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, "ecolobby.cases");
    const luaL_Reg fns[] = {{"case", t_case},       {"start", t_start},       {"frame", t_frame},
                            {"advance", t_advance}, {"tap", t_tap},           {"tap_at", t_tap_at},
                            {"swipe", t_swipe},
                            {"drawn", t_drawn},     {"texts", t_texts},       {"widgets", t_widgets},
                            {"logged", t_logged},   {"stored", t_stored},     {"set_data", t_set_data},
                            {"error", t_error},     {"disabled", t_disabled}, {"enter", t_enter}, {"available", t_available},
                            {"leave", t_leave},     {"eq", t_eq},             {"ok", t_ok},
                            {"restart", t_restart}, {"expect_error", t_expect_error},
                            {nullptr, nullptr}};
    luaL_newlib(L, fns);
    lua_newtable(L);  // test.api.<table>: the plugin's own API tables
    lua_createtable(L, 0, 1);
    lua_pushcfunction(L, t_api_table);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, -2);
    lua_setfield(L, -2, "api");
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
      scene_.reset();
      set_data(nullptr);
      expected_.clear();
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
      std::string problem;
      if (status != LUA_OK) problem = lua_tostring(L, -1) ? lua_tostring(L, -1) : "(error object is not a string)";
      else problem = plugin_failure_verdict(L);
      if (problem.empty()) {
        out << "ok - " << name << ": " << case_name << "\n";
        ++summary.passed;
      } else {
        out << "not ok - " << name << ": " << case_name << "\n    " << problem << "\n";
        if (status != LUA_OK)  // the plugin's own errors say why the test's check failed
          for (const auto& f : failures_) out << "    the plugin failed: " << error_summary(f) << "\n";
        ++summary.failed;
      }
      lua_settop(L, cases);
    }
  }
  out << summary.passed << " passed, " << summary.failed << " failed\n";
  return summary;
}

}  // namespace eco::lua
