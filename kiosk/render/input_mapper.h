#pragma once
// The one place pointer input becomes canvas taps. SDL reports a touch twice (the finger event and
// an emulated mouse event); only the finger counts, so a tap fires exactly once. A press that
// moves more than a finger's slop before release is not a tap; one that moves kSwipe or more is a
// swipe in the direction it moved most.
#include <map>
#include <optional>

#include "render/canvas.h"
#include "render/painter.h"

union SDL_Event;

namespace eco {

class InputMapper {
 public:
  static constexpr float kSlop = 40;    // canvas px a finger may wander during a tap
  static constexpr float kSwipe = 120;  // canvas px a drag must cover to be a swipe
  // The swipe of a drag from `from` to `to`, if it is long enough.
  static std::optional<Swipe> swipe_of(Vec2 from, Vec2 to);

  void set_geometry(const CanvasGeometry& g) { geometry_ = g; }
  // Returns true if the event was pointer input (counts as activity for the idle timer).
  bool handle(const SDL_Event& e);
  void inject_tap(Vec2 canvas_point);  // input scripts and tests
  void inject_swipe(Vec2 from, Vec2 to);
  // The taps since the last call and the pointer state now.
  FrameInput take();
  bool has_pending() const { return !pending_.taps.empty() || !pending_.swipes.empty(); }

 private:
  void press(long long id, std::optional<Vec2> at);
  void release(long long id, std::optional<Vec2> at);
  CanvasGeometry geometry_;
  std::map<long long, Vec2> down_;  // pointer id → where it went down (mouse is id -1)
  FrameInput pending_;
};

}  // namespace eco
