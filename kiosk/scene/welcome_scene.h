#pragma once
// The built-in welcome page: institution name, today's date in words, a large clock and a line
// of text. It is also what the screen falls back to when content cannot be shown.
#include "scene/scene.h"

namespace eco {

class WelcomeScene : public Scene {
 public:
  // `notice` is shown under the welcome line when the screen fell back to this scene.
  explicit WelcomeScene(std::string notice = {}) : notice_(std::move(notice)) {}
  std::string name() const override { return "welcome"; }
  void frame(const SceneContext& ctx, Painter& p) override;
  std::chrono::milliseconds next_change(const SceneContext& ctx) const override;
  void set_notice(std::string notice) { notice_ = std::move(notice); }

 private:
  std::string notice_;
};

}  // namespace eco
