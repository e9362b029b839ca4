// Plugin runtime benchmark: per-frame cost of the example plugin and of a heavy plugin
// (500 ui calls), memory of an idle plugin state, and load time. Draws into a RecordingPainter,
// so the figures are the Lua + API cost, without rasterisation (see docs/perf.md for frames).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <vector>

#include <sstream>

#include "lua/memory_services.h"
#include "lua/plugin_runtime.h"
#include "lua/plugin_test_harness.h"
#include "render/recording_painter.h"

using namespace eco;
using namespace eco::lua;
using Ms = std::chrono::duration<double, std::milli>;

namespace {

double pct(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p / 100.0 * v.size()))];
}

void bench(const char* label, const std::filesystem::path& dir, int frames) {
  Clock clock(parse_iso8601("2026-06-24T10:00:00+08:00")->utc, 480, 1, Clock::Mode::Manual);
  MemoryParticipation participation(clock);
  MemoryKeyValue store;
  Manifest m = load_manifest(dir);
  RuntimeOptions o;
  o.limits.memory_bytes = m.memory_bytes;
  o.limits.frame_budget = std::chrono::milliseconds(100);
  auto t0 = std::chrono::steady_clock::now();
  PluginRuntime rt(m, resolve_settings(m, nullptr, "bench"), clock, {&participation, &store, nullptr}, o);
  if (!rt.start()) {
    std::printf("%s: failed to start: %s\n", label, rt.last_error().c_str());
    return;
  }
  double load_ms = Ms(std::chrono::steady_clock::now() - t0).count();
  size_t idle_kb = rt.memory_used() / 1024;
  rt.enter();
  RecordingPainter painter;
  std::vector<double> times;
  for (int i = 0; i < frames; ++i) {
    painter.clear();
    auto a = std::chrono::steady_clock::now();
    rt.frame(painter, FrameInput{}, 1.0f / 30);
    times.push_back(Ms(std::chrono::steady_clock::now() - a).count());
    clock.advance(std::chrono::milliseconds(33));
  }
  std::printf("%-22s load %6.2f ms | idle state %5zu KB | frame p50 %6.3f ms p99 %6.3f ms | %zu texts, %d shapes/frame\n",
              label, load_ms, idle_kb, pct(times, 50), pct(times, 99), painter.texts.size(), painter.shapes);
}

// `plugin test`: one case that lets a simulated day pass on the example plugin (issue #19: it
// took ~6 s when the harness drew a frame every half second).
void bench_simulated_day() {
  auto root = std::filesystem::temp_directory_path() / "ecolobby-bench-day";
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root);
  std::filesystem::copy(std::filesystem::path(ECOLOBBY_SOURCE_DIR) / "plugins/example_campaign", root / "example_campaign",
                        std::filesystem::copy_options::recursive);
  std::filesystem::remove_all(root / "example_campaign/tests");
  std::filesystem::create_directories(root / "example_campaign/tests");
  std::ofstream(root / "example_campaign/tests/day_test.lua") << "test.case('a day', function() test.advance(86400) end)\n";
  Config config;
  PluginTestHarness harness(root / "example_campaign", config);
  std::ostringstream out;
  auto t0 = std::chrono::steady_clock::now();
  TestSummary s = harness.run(out);
  std::printf("plugin test, test.advance(86400) on example_campaign: %.0f ms (%d passed)\n",
              Ms(std::chrono::steady_clock::now() - t0).count(), s.passed);
  std::filesystem::remove_all(root);
}

}  // namespace

int main() {
  bench("example_campaign", std::filesystem::path(ECOLOBBY_SOURCE_DIR) / "plugins/example_campaign", 2000);
  auto dir = std::filesystem::temp_directory_path() / "ecolobby-bench" / "heavy";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "plugin.toml") << "id = \"heavy\"\nversion = \"1\"\napi = 1\nname = \"heavy\"\n";
  std::ofstream(dir / "main.lua") << R"(
local P = {}
local values = {}
for i = 1, 24 do values[i] = i * 3 % 17 end
function P.frame(dt)
  for i = 1, 100 do
    local x, y = (i % 10) * 180, (i // 10) * 100
    ui.panel(x, y, 170, 90)                                  -- 1
    ui.text("第" .. i .. "项", x + 10, y + 10, { size = 28 })  -- 2
    ui.progress(x + 10, y + 60, 150, 12, i / 100)             -- 3
    ui.rect(x, y, 170, 4, { color = "accent" })               -- 4
    ui.line(x, y + 88, x + 170, y + 88)                       -- 5
  end
end
return P)";
  bench("heavy (500 ui calls)", dir, 2000);
  std::filesystem::remove_all(dir.parent_path());
  bench_simulated_day();
}
