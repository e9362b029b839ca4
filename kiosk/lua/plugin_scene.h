#pragma once
// A plugin on the screen: adapts PluginRuntime to the Scene interface. When a callback fails,
// an error card takes the plugin's place (details on screen only in dev mode); a disabled
// plugin is unavailable and the rotation skips it.
#include <memory>

#include "lua/plugin_runtime.h"
#include "scene/scene.h"

namespace eco::lua {

class PluginScene : public Scene {
 public:
  explicit PluginScene(std::unique_ptr<PluginRuntime> runtime) : runtime_(std::move(runtime)) {}
  std::string name() const override { return "plugin:" + runtime_->manifest().id; }
  void enter(const SceneContext& ctx) override;
  void leave() override { runtime_->leave(); }
  void frame(const SceneContext& ctx, Painter& painter) override;
  bool interactive() const override { return runtime_->manifest().interactive; }
  FocusRequest take_focus_request() override { return runtime_->take_focus_request(); }
  std::chrono::milliseconds next_change(const SceneContext& ctx) const override;
  // In dev mode a broken plugin stays on screen with its error (file:line) instead of being skipped.
  bool available() const override;
  // After a failure the error card stays 3 s, then the rotation moves on.
  bool finished(const SceneContext& ctx) const override;
  std::string failure() const override;
  uint64_t failures() const override { return runtime_->failure_count(); }
  static constexpr std::chrono::seconds kErrorCardTime{3};
  PluginRuntime& runtime() { return *runtime_; }
  const PluginRuntime& runtime() const { return *runtime_; }
  bool showing_error_card() const { return failed_since_enter_; }

 private:
  void draw_error_card(const SceneContext& ctx, Painter& p);
  std::unique_ptr<PluginRuntime> runtime_;
  bool failed_since_enter_ = false;
  TimePoint failed_at_{};
};

}  // namespace eco::lua
