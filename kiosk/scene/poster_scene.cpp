#include "scene/poster_scene.h"

#include <spdlog/spdlog.h>

#include "media/image_decoder.h"
#include "scene/still_frame.h"

namespace eco {

PosterScene::PosterScene(const Slot& slot, const std::filesystem::path& content_dir)
    : file_(slot.file), path_((content_dir / slot.file).string()), fit_(fit_of(slot)), fill_(slot.fill), caption_(slot.caption) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path_, ec)) error_ = "poster " + path_ + ": file not found";
  if (!error_.empty()) spdlog::warn("{}; the slot is skipped", error_);
}

void PosterScene::prepare(const SceneContext& ctx) {
  if (!error_.empty() || image_ || pending_) return;
  int w = 0, h = 0;
  still_box(ctx.config, w, h);
  pending_ = std::make_shared<PendingStill>();
  loader_.post([pending = pending_, path = path_, w, h, fit = fit_] { pending->set(decode_image(path, w, h, fit)); });
}

void PosterScene::collect() const {
  if (!pending_ || !pending_->done()) return;
  Still still = pending_->get();
  pending_.reset();
  if (still.image) {
    image_ = std::move(still.image);
  } else {
    error_ = "poster " + path_ + ": " + still.error;
    spdlog::warn("{}; the slot is skipped", error_);
  }
}

bool PosterScene::ready() const {
  collect();
  return image_ || !error_.empty();
}

void PosterScene::leave() {
  // The pixels go with the slot (a dozen posters would hold 100 MB); prepare() decodes again.
  loader_.drop_pending();
  pending_.reset();
  image_.reset();
}

void PosterScene::frame(const SceneContext& ctx, Painter& p) {
  collect();
  draw_still(p, ctx, image_, fit_, fill_, caption_);
}

std::chrono::milliseconds PosterScene::next_change(const SceneContext&) const {
  collect();
  // Still decoding: look again soon (the backdrop shows meanwhile); then nothing changes.
  if (pending_) return std::chrono::milliseconds{50};
  return std::chrono::hours(1);
}

}  // namespace eco
