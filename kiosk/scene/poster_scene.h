#pragma once
// `scene = "poster"`: a designed poster (JPEG, PNG, WebP) full screen, decoded off the render
// thread at the screen's size. Until the pixels arrive the backdrop shows (never black); a file
// that cannot be shown is one log line and the slot gives way.
#include <filesystem>
#include <memory>

#include "media/still_loader.h"
#include "scene/scene.h"
#include "scene/schedule.h"

namespace eco {

class PosterScene : public Scene {
 public:
  PosterScene(const Slot& slot, const std::filesystem::path& content_dir);
  std::string name() const override { return "poster:" + file_; }
  void prepare(const SceneContext& ctx) override;
  bool ready() const override;
  void enter(const SceneContext& ctx) override { prepare(ctx); }
  void leave() override;
  void frame(const SceneContext& ctx, Painter& p) override;
  std::chrono::milliseconds next_change(const SceneContext& ctx) const override;
  bool available() const override { return error_.empty(); }
  bool finished(const SceneContext&) const override { return !error_.empty(); }
  std::string failure() const override { return error_; }
  std::string text_for_glyphs() const override { return caption_.all(); }

 private:
  void collect() const;  // takes the decoder's result, if it is in
  std::string file_, path_;
  Fit fit_;
  std::optional<Color> fill_;
  LocalizedText caption_;
  mutable std::shared_ptr<PendingStill> pending_;
  mutable std::shared_ptr<const PixelImage> image_;
  mutable std::string error_;
  StillLoader loader_;  // last: joined before the rest goes
};

}  // namespace eco
