#pragma once
// `scene = "pdf"`: a notice's pages one after another, `page_s` seconds each (`pages = "1-3"`
// picks some). Pages render off the render thread at the screen's size, the next one ahead of
// its turn; the previous page stays up until the next is in, the backdrop before the first. The
// slot lasts its pages unless duration_s says otherwise (then the pages repeat). A PDF that
// cannot be opened is one log line and the slot gives way; a page it lacks is skipped.
#include <atomic>
#include <filesystem>
#include <map>
#include <set>
#include <memory>

#include "media/still_loader.h"
#include "scene/scene.h"
#include "scene/schedule.h"

namespace eco {

class PdfScene : public Scene {
 public:
  PdfScene(const Slot& slot, const std::filesystem::path& content_dir);
  ~PdfScene() override;
  std::string name() const override { return "pdf:" + file_; }
  void prepare(const SceneContext& ctx) override;
  bool ready() const override;
  void enter(const SceneContext& ctx) override;
  void leave() override;
  void frame(const SceneContext& ctx, Painter& p) override;
  std::chrono::milliseconds next_change(const SceneContext& ctx) const override;
  bool available() const override { return error_.empty(); }
  bool finished(const SceneContext& ctx) const override;
  std::string failure() const override { return error_; }
  std::string text_for_glyphs() const override { return caption_.all(); }

 private:
  struct Worker;  // the document, used on the loader's thread only
  int steps() const;  // pages to show in one pass; -1 while the page count is unknown
  int page_of(int step) const;  // 0-based page
  int step_at(TimePoint now) const;
  void request(int step, int box_w, int box_h);
  void collect() const;  // takes in the pages the worker finished

  std::string file_, path_;
  Fit fit_;
  std::optional<Color> fill_;
  LocalizedText caption_;
  std::vector<int> pages_;  // 1-based, as the slot lists them; empty = all
  int page_s_;
  bool loop_;  // duration_s given: the pages repeat until the slot ends
  int box_w_ = 1920, box_h_ = 1080;

  std::shared_ptr<Worker> worker_;
  mutable std::map<int, std::shared_ptr<PendingStill>> pending_;  // by step: the one due and the next
  mutable std::map<int, std::shared_ptr<const PixelImage>> ready_;  // rendered, not yet due
  std::shared_ptr<const PixelImage> shown_;               // the page on screen
  int shown_step_ = -1;
  std::optional<TimePoint> started_;  // when the first page showed: the page clock
  mutable std::string error_;
  mutable std::set<int> skipped_;  // steps whose page failed (logged once)
  StillLoader loader_;     // last: joined before the rest goes
};

}  // namespace eco
