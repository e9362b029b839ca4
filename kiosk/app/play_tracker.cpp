#include "app/play_tracker.h"

namespace eco {

std::string play_item(const Slot& slot) {
  if (slot.scene == "plugin") return slot.plugin;
  if (slot.video) return slot.video->file;
  if (!slot.file.empty()) return slot.file;
  if (!slot.title.empty()) return slot.title.get("zh-CN");
  if (!slot.image.empty()) return slot.image;
  return slot.scene;
}

std::optional<store::Play> PlayTracker::begin(TimePoint now, const Slot* slot, const std::string& content_version) {
  auto ended = end(now, store::PlayEnding::Done);
  store::Play p;
  p.start_ms = now.time_since_epoch().count();
  p.day = to_local(now, offset_).day_number();
  p.kiosk = kiosk_;
  p.content_version = content_version;
  p.scene = slot ? slot->scene : "fallback";
  p.item = slot ? play_item(*slot) : "welcome";
  p.campaign = slot ? slot->campaign : "";
  open_ = std::move(p);
  return ended;
}

std::optional<store::Play> PlayTracker::end(TimePoint now, store::PlayEnding why) {
  if (!open_) return std::nullopt;
  store::Play p = std::move(*open_);
  open_.reset();
  p.shown_ms = std::max<int64_t>(0, now.time_since_epoch().count() - p.start_ms);
  // What cut the slot says most; then that someone used it; then the reason given.
  p.ending = cut_ ? *cut_ : touched_ && why == store::PlayEnding::Done ? store::PlayEnding::Touched : why;
  cut_.reset();
  touched_ = false;
  return p;
}

}  // namespace eco
