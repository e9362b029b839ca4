#include "render/input_mapper.h"

#include <cmath>

#include <SDL.h>

namespace eco {

void InputMapper::press(long long id, std::optional<Vec2> at) {
  if (at) {
    down_[id] = *at;
    pending_.pointer = *at;
    pending_.pointer_down = true;
  }
}

void InputMapper::release(long long id, std::optional<Vec2> at) {
  auto it = down_.find(id);
  if (it == down_.end()) return;
  Vec2 start = it->second;
  down_.erase(it);
  pending_.pointer_down = !down_.empty();
  Vec2 end = at.value_or(start);
  if (std::hypot(end.x - start.x, end.y - start.y) <= kSlop) pending_.taps.push_back(start);
  else if (auto swipe = swipe_of(start, end)) pending_.swipes.push_back(*swipe);
}

std::optional<Swipe> InputMapper::swipe_of(Vec2 from, Vec2 to) {
  float dx = to.x - from.x, dy = to.y - from.y;
  if (std::hypot(dx, dy) < kSwipe) return std::nullopt;
  SwipeDirection d = std::abs(dx) >= std::abs(dy) ? (dx < 0 ? SwipeDirection::Left : SwipeDirection::Right)
                                                  : (dy < 0 ? SwipeDirection::Up : SwipeDirection::Down);
  return Swipe{from, to, d};
}

bool InputMapper::handle(const SDL_Event& e) {
  const float ww = static_cast<float>(geometry_.output_w), wh = static_cast<float>(geometry_.output_h);
  switch (e.type) {
    case SDL_FINGERDOWN:
      press(static_cast<long long>(e.tfinger.fingerId), geometry_.to_canvas(e.tfinger.x * ww, e.tfinger.y * wh));
      return true;
    case SDL_FINGERUP:
      release(static_cast<long long>(e.tfinger.fingerId), geometry_.to_canvas(e.tfinger.x * ww, e.tfinger.y * wh));
      return true;
    case SDL_FINGERMOTION:
      if (auto p = geometry_.to_canvas(e.tfinger.x * ww, e.tfinger.y * wh)) pending_.pointer = *p;
      return true;
    case SDL_MOUSEBUTTONDOWN:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return e.button.which != SDL_TOUCH_MOUSEID;
      press(-1, geometry_.to_canvas(float(e.button.x), float(e.button.y)));
      return true;
    case SDL_MOUSEBUTTONUP:
      if (e.button.which == SDL_TOUCH_MOUSEID || e.button.button != SDL_BUTTON_LEFT) return e.button.which != SDL_TOUCH_MOUSEID;
      release(-1, geometry_.to_canvas(float(e.button.x), float(e.button.y)));
      return true;
    case SDL_MOUSEMOTION:
      if (e.motion.which == SDL_TOUCH_MOUSEID) return false;
      if (auto p = geometry_.to_canvas(float(e.motion.x), float(e.motion.y))) pending_.pointer = *p;
      return false;  // a mouse resting on a kiosk is not a person using it
    default:
      return false;
  }
}

void InputMapper::inject_tap(Vec2 p) { pending_.taps.push_back(p); }

void InputMapper::inject_swipe(Vec2 from, Vec2 to) {
  if (auto swipe = swipe_of(from, to)) pending_.swipes.push_back(*swipe);
}

FrameInput InputMapper::take() {
  FrameInput out = pending_;
  pending_.taps.clear();
  pending_.swipes.clear();
  return out;
}

}  // namespace eco
