#pragma once
// A text-and-image slide from the schedule: title, body wrapped for Chinese, optional image
// beside the text (landscape) or below it (portrait).
#include <filesystem>

#include "scene/scene.h"
#include "scene/schedule.h"

namespace eco {

class SlideScene : public Scene {
 public:
  SlideScene(const Slot& slot, std::filesystem::path content_dir);
  std::string name() const override { return "slide:" + title_.get("zh-CN"); }
  void frame(const SceneContext& ctx, Painter& p) override;
  std::chrono::milliseconds next_change(const SceneContext& ctx) const override;
  std::string text_for_glyphs() const override { return title_.all() + body_.all(); }

 private:
  LocalizedText title_, body_;
  std::string image_path_;  // empty when the slide has none
};

}  // namespace eco
