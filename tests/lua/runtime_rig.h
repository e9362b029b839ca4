#pragma once
// A PluginRuntime on a manual clock with in-memory services and a recording painter: what the
// API tests run their plugins in.
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lua/memory_services.h"
#include "lua/plugin_runtime.h"
#include "plugin_fixture.h"
#include "render/recording_painter.h"

namespace eco::lua::fixture {

struct Rig {
  Clock clock{parse_iso8601("2026-06-24T10:00:00+08:00")->utc, 480, 1, Clock::Mode::Manual};
  MemoryParticipation participation{clock};
  MemoryKeyValue store{1024};
  RecordingPainter painter;
  RuntimeOptions options;
  DataService* data = nullptr;

  std::unique_ptr<PluginRuntime> make(const PluginFolder& f, nlohmann::json settings = nlohmann::json::object()) {
    Manifest m = load_manifest(f.dir);
    RuntimeOptions o = options;
    o.limits.memory_bytes = m.memory_bytes;
    return std::make_unique<PluginRuntime>(m, std::move(settings), clock, Services{&participation, &store, data}, o);
  }
  // make() and start(): a plugin that does not start fails the test, with its error, and gives
  // null (callers ASSERT_TRUE on it, so the test stops there).
  std::unique_ptr<PluginRuntime> started(const PluginFolder& f, nlohmann::json settings = nlohmann::json::object()) {
    auto rt = make(f, std::move(settings));
    if (rt->start()) return rt;
    ADD_FAILURE() << "the plugin did not start: " << rt->last_error();
    return nullptr;
  }
  // started() and one frame: what the plugin draws first (nothing when it did not start).
  std::vector<std::string> first_frame(const PluginFolder& f) {
    auto rt = started(f);
    if (!rt) return {};
    return frame(*rt);
  }
  // One frame; the texts it drew, in order, and the plugin's error last if the frame failed.
  std::vector<std::string> frame(PluginRuntime& rt, const FrameInput& input = {}) {
    painter.clear();
    bool ok = rt.frame(painter, input, 0);
    std::vector<std::string> out;
    for (const RecordedText& t : painter.texts) out.push_back(t.text);
    if (!ok) out.push_back("frame failed: " + rt.last_error());
    return out;
  }
};

}  // namespace eco::lua::fixture
