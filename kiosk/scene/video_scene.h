#pragma once
// A `scene = "video"` slot: the video full screen (contain or cover), an optional caption. The
// player opens the file paused in prepare(), while the previous slot still shows, so the first
// frame is there before the crossfade; a file that cannot play makes the slot unavailable (one
// log line naming the file and why) and the rotation goes on.
#include <filesystem>
#include <memory>

#include "scene/scene.h"
#include "scene/schedule.h"
#include "video/video_player.h"

namespace eco {

class VideoScene : public Scene {
 public:
  VideoScene(const Slot& slot, const std::filesystem::path& content_dir);
  ~VideoScene() override;
  std::string name() const override { return "video:" + video_.file; }
  void prepare(const SceneContext& ctx) override;
  bool ready() const override;
  void enter(const SceneContext& ctx) override;
  void leave() override;
  void frame(const SceneContext& ctx, Painter& p) override;
  std::chrono::milliseconds next_change(const SceneContext& ctx) const override;
  bool available() const override;
  bool finished(const SceneContext& ctx) const override;
  std::string failure() const override;
  std::optional<std::chrono::milliseconds> length() const override;
  std::string text_for_glyphs() const override { return video_.caption.all(); }

 private:
  void open(const SceneContext& ctx);
  double scene_seconds(const SceneContext& ctx) const;
  bool failed() const;

  VideoSlot video_;
  std::string where_;  // the slot's `file` key, "schedule.toml:14"
  std::string path_;
  std::unique_ptr<VideoPlayer> player_;
  bool follow_clock_ = false;
  bool entered_ = false;
  bool played_ = false;  // the player has been played: entering again starts it over
  TimePoint entered_at_{};
  mutable bool reported_ = false;  // the failure was logged
  uint64_t drawn_serial_ = 0;
};

}  // namespace eco
