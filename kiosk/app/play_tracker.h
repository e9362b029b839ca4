#pragma once
// Proof of play on the render thread: which slot came on screen when, and why it left. The
// loop says what happens (a slot began, someone touched it, an update or a failure cut it, the
// display went off, the program stops); the tracker turns each finished showing into a
// store::Play for the writer's queue. Pure logic on the loop's clock, tested without a display.
#include <optional>
#include <string>

#include "base/iso8601.h"
#include "scene/schedule.h"
#include "store/play.h"

namespace eco {

// What a slot shows, as reports name it: the plugin, the media file, the slide's title.
std::string play_item(const Slot& slot);

class PlayTracker {
 public:
  PlayTracker(std::string kiosk, int utc_offset_minutes) : kiosk_(std::move(kiosk)), offset_(utc_offset_minutes) {}

  // `slot` (null for the built-in fallback) came on screen at `now`; returns the showing that
  // ended with it, if one was open.
  std::optional<store::Play> begin(TimePoint now, const Slot* slot, const std::string& content_version);
  // The open showing ends now (the display went off, the program stops).
  std::optional<store::Play> end(TimePoint now, store::PlayEnding why);
  // Someone used the slot on screen: it ends as "touched" unless something cuts it.
  void touched() { touched_ = true; }
  // The slot on screen is about to be cut (new content, a failure): the next end says why.
  void cut(store::PlayEnding why) {
    if (open_) cut_ = why;
  }
  bool open() const { return open_.has_value(); }

 private:
  std::string kiosk_;
  int offset_;
  std::optional<store::Play> open_;
  std::optional<store::PlayEnding> cut_;
  bool touched_ = false;
};

}  // namespace eco
