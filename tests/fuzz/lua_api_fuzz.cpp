// The plugin API's argument checks (ui.*, data, participation, store, i18n, clock, log, random,
// kiosk, content, os.date/os.time) with fuzzed arguments, inside a sandboxed PluginRuntime with
// small budgets, as a hostile plugin would call them. Every call is made through pcall, so a
// refused argument is an ordinary Lua error; a crash, an abort, a sanitizer report (UBSan:
// NaN to int, signed overflow; ASan/LSan: a C++ object skipped by a longjmp) or an exception
// escaping the runtime is a finding.
//
// Input: first byte 'L' → the rest is a Lua chunk run in frame(). Otherwise the bytes are
// decoded into calls: [function index] [argument count] then per argument [kind] [payload…]
// (see Decoder), written as `pcall(ui.text, 0/0, "\xE6", {color = {0/0}})` lines.
#include <cinttypes>
#include <cmath>
#include <cstring>
#include <fstream>

#include <lua.hpp>

#include "fuzz_support.h"
#include "lua/memory_services.h"
#include "lua/plugin_runtime.h"
#include "render/recording_painter.h"

namespace {

using namespace eco;
using namespace eco::lua;

const char* const kFunctions[] = {
    "ui.text", "ui.measure", "ui.rect", "ui.panel", "ui.line", "ui.circle", "ui.image", "ui.button", "ui.choice",
    "ui.progress", "ui.ring", "ui.bar_chart", "ui.line_chart", "ui.number", "ui.rows", "ui.columns", "ui.pad",
    "ui.push_clip", "ui.pop_clip", "ui.fade", "ui.tween", "data.snapshot", "participation.log",
    "participation.count", "participation.today", "participation.leaderboard", "participation.streak", "store.get",
    "store.set", "i18n.t", "clock.now", "clock.today", "clock.seconds", "log.info", "log.warn", "random.int",
    "random.float", "random.shuffle", "random.choice", "math.random", "kiosk.focus", "kiosk.release", "kiosk.after",
    "kiosk.every", "kiosk.cancel", "kiosk.animate", "kiosk.campaign", "content.read", "os.date", "os.time",
    "os.clock", "print", "setmetatable", "string.rep", "string.format", "utf8.char", "tostring", "pcall", "load",
    "coroutine.wrap"};
constexpr size_t kFunctionCount = sizeof kFunctions / sizeof kFunctions[0];

const char* const kWords[] = {"x", "choice", "answer", "#5CD68A", "#5CD68AFF", "accent", "center", "right", "*t", "%c",
                              "%Y-%m-%d", "../x.toml", "quiz/bank.toml", "a.png", "department", "score", "in_out",
                              "有时会", "碳", "", "count", "%"};
const char* const kSpecials[] = {"0/0", "1/0", "-1/0", "math.maxinteger", "math.mininteger", "1e308", "-1e308",
                                 "-0.0", "2^53", "2^63", "-2^63", "0.5", "1e-320", "88", "-1", "0"};
const char* const kFields[] = {"size", "color", "align", "width", "bold", "label", "selected", "n", "kind", "by",
                               "field", "decimals", "row_h", "gap", "labels", "max", "min", "radius", "stroke",
                               "average", "bg", "text_color", "x", "y", "w", "h", "choice"};

class Decoder {
 public:
  Decoder(const uint8_t* data, size_t size) : p_(data), end_(data + size) {}
  bool more() const { return p_ < end_; }
  uint8_t byte() { return p_ < end_ ? *p_++ : 0; }
  uint64_t u64() {
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | byte();
    return v;
  }

  std::string escaped(size_t n) {
    std::string s = "\"";
    for (size_t i = 0; i < n && more(); ++i) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02X", byte());
      s += buf;
    }
    return s + "\"";
  }

  std::string value(int depth) {
    switch (byte() % 16) {
      case 0: return "nil";
      case 1: {
        auto v = static_cast<int64_t>(u64());
        if (v == INT64_MIN) return "math.mininteger";
        return std::to_string(v);
      }
      case 2: {
        uint64_t bits = u64();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        if (std::isnan(d)) return "(0/0)";
        if (std::isinf(d)) return d > 0 ? "(1/0)" : "(-1/0)";
        char buf[64];
        std::snprintf(buf, sizeof buf, "(%a)", d);
        return buf;
      }
      case 3: return std::string("(") + kSpecials[byte() % std::size(kSpecials)] + ")";
      case 4: return escaped(byte() % 24);
      case 5: return std::string("\"") + kWords[byte() % std::size(kWords)] + "\"";
      case 6: return depth < 3 ? options(depth + 1) : "{}";
      case 7: {
        std::string t = "{";
        for (int i = byte() % 8; i > 0; --i) t += value(depth + 1 > 3 ? 3 : depth + 1) + ",";
        return t + "}";
      }
      case 8: return depth < 3 ? "{ a = " + value(depth + 1) + ", { " + value(depth + 1) + " } }" : "{}";
      case 9: return "function() end";
      case 10: return "setmetatable({}, { __tostring = function() error('tostring') end })";
      case 11: return "setmetatable({}, { __index = function() error('index') end })";
      case 12: return "{ " + value(3) + ", " + value(3) + ", " + value(3) + ", " + value(3) + " }";
      case 13: return "string.rep('碳', " + std::to_string(byte() * 64) + ")";
      case 14: return "{ [" + escaped(byte() % 4) + "] = " + value(3) + " }";
      default: return "setmetatable({}, { __index = function() while true do end end })";
    }
  }

  std::string options(int depth) {
    std::string t = "{";
    for (int i = byte() % 6; i > 0; --i) t += std::string(kFields[byte() % std::size(kFields)]) + " = " + value(depth) + ", ";
    return t + "}";
  }

  std::string call() {
    std::string line = "pcall(";
    line += kFunctions[byte() % kFunctionCount];
    for (int i = byte() % 7; i > 0; --i) line += ", " + value(0);
    return line + ")\n";
  }

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

struct Plugin {
  std::filesystem::path dir;
  Plugin() {
    dir = fuzz::scratch_dir() / "fuzzed";
    std::filesystem::create_directories(dir / "assets");
    std::ofstream(dir / "plugin.toml") << "id = \"fuzzed\"\nversion = \"1.0\"\napi = 1\nname = \"fuzz\"\n"
                                       << "permissions = [\"participation\", \"store\", \"data\", \"content\"]\n"
                                       << "memory_mb = 2\n[participation]\nkeys = [\"choice\", \"department\", \"score\"]\n";
    std::ofstream(dir / "main.lua") << R"(
local P = {}
local function run()
  local chunk = load(FUZZ_SOURCE, "=fuzz", "t", _ENV)
  if chunk then chunk() end
end
function P.load() end
function P.on_data(s) run() end
function P.frame() run() end
return P
)";
    std::filesystem::create_directories(fuzz::scratch_dir() / "content" / "quiz");
    std::ofstream(fuzz::scratch_dir() / "content" / "quiz" / "bank.toml") << "[[question]]\nid = \"a\"\n";
  }
};

struct Data : DataService {
  std::shared_ptr<const nlohmann::json> value = std::make_shared<const nlohmann::json>(
      nlohmann::json{{"total", {{"today", {{"electricity_kwh", 12.5}}}}}, {"rankings", nlohmann::json::array()}});
  std::shared_ptr<const nlohmann::json> snapshot() const override { return value; }
};

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) { return eco::fuzz::start_quietly(); }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Plugin plugin;
  static const Manifest manifest = load_manifest(plugin.dir);
  if (size > 4096) return 0;
  std::string source;
  if (size > 0 && data[0] == 'L') {
    source.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  } else {
    Decoder d(data, size);
    for (int i = 0; i < 64 && d.more(); ++i) source += d.call();
  }
  Clock clock(parse_iso8601("2026-06-24T10:00:00+08:00")->utc, 480, 1, Clock::Mode::Manual);
  MemoryParticipation participation(clock);
  MemoryKeyValue store(4096);
  Data feed;
  RuntimeOptions options;
  options.limits.memory_bytes = manifest.memory_bytes;
  // Release-equivalent time: the instrumented build's clock runs at a tenth (lua/limits.cpp), so
  // these are 10 and 50 ms of real CPU time per input that loops.
  options.limits.frame_budget = std::chrono::milliseconds(1);
  options.limits.load_budget = std::chrono::milliseconds(5);
  options.content_dir = fuzz::scratch_dir() / "content";
  {
    PluginRuntime rt(manifest, nlohmann::json::object(), clock, Services{&participation, &store, &feed}, options);
    if (!rt.start()) std::abort();  // the fixed main.lua always loads
    lua_State* L = rt.state();
    lua_pushlstring(L, source.data(), source.size());  // a fresh state with room to spare
    lua_setglobal(L, "FUZZ_SOURCE");
    RecordingPainter painter;
    FrameInput input;
    input.taps = {{100, 100}};
    rt.enter();  // on_data runs the source outside frame() (ui.* must refuse)
    for (int i = 0; i < 2 && !rt.disabled(); ++i) {
      rt.frame(painter, input, 0.033f);
      clock.advance(std::chrono::milliseconds(500));
    }
    rt.leave();
    for (const auto& e : participation.events()) fuzz::require_utf8(e.fields.dump(), "a logged participation event");
  }
  return 0;
}
