#include "scene/rotation.h"

#include <algorithm>

#include <spdlog/spdlog.h>

namespace eco {
using std::chrono::milliseconds;

void Rotation::set_schedule(const Schedule* schedule) {
  schedule_ = schedule;
  skip_ = true;  // the current index means nothing in the new schedule
  current_ = kFallback;
  in_transition_ = false;
}

void Rotation::hold(bool held, TimePoint now) {
  if (held_ && !held) slot_end_ = now;  // back to the rotation straight away
  held_ = held;
}

int Rotation::pick_next(const std::vector<size_t>& eligible) const {
  if (eligible.empty()) return kFallback;
  for (size_t i : eligible)
    if (static_cast<int>(i) > current_) return static_cast<int>(i);
  return static_cast<int>(eligible.front());
}

// The next slot whose scene is ready, in rotation order from the current one; those not ready are
// passed over (one line each). None ready: the current slot again if it may go on, else the fallback.
int Rotation::pick_ready(const std::vector<size_t>& eligible) const {
  int first = pick_next(eligible);
  if (!media_.ready || first == kFallback || !started_ || current_ == kFallback) return first;
  auto start = std::find(eligible.begin(), eligible.end(), static_cast<size_t>(first));
  for (size_t n = 0; n < eligible.size(); ++n) {
    size_t i = *(eligible.begin() + (start - eligible.begin() + n) % eligible.size());
    if (media_.ready(i)) return static_cast<int>(i);
    spdlog::warn("{}: the slot's {} is not ready in time; skipped this turn", schedule_->slots[i].where, schedule_->slots[i].scene);
  }
  return kFallback;
}

std::optional<int> Rotation::upcoming(TimePoint now, const LocalTime& local, const std::function<bool(size_t)>& available,
                                      std::chrono::milliseconds lead) const {
  if (!started_ || held_ || !schedule_ || slot_end_ - now > lead) return std::nullopt;
  int next = pick_next(select_slots(*schedule_, local, available));
  return next == kFallback ? std::nullopt : std::optional<int>(next);
}

bool Rotation::update(TimePoint now, const LocalTime& local, const std::function<bool(size_t)>& available) {
  if (in_transition_ && transition(now) >= 1.0f) in_transition_ = false;
  bool current_unavailable = current_ != kFallback && available && !available(static_cast<size_t>(current_));
  bool due = !started_ || skip_ || current_unavailable || (!held_ && now >= slot_end_);
  // The fallback welcome is only a stopgap: leave it as soon as a slot can show (the first
  // figures arrived, a window opened), not at the end of its ten seconds.
  bool waiting_on_fallback = current_ == kFallback && !held_;
  auto eligible = schedule_ && (due || waiting_on_fallback) ? select_slots(*schedule_, local, available) : std::vector<size_t>{};
  if (!due && eligible.empty()) return false;
  int next = due ? pick_ready(eligible) : pick_next(eligible);
  milliseconds length{next == kFallback ? 10'000 : schedule_->slots[static_cast<size_t>(next)].duration_s * 1000LL};
  if (next != kFallback && media_.length)
    if (auto own = media_.length(static_cast<size_t>(next))) length = *own;
  slot_end_ = now + length;
  // A video slot that follows itself starts over (a slide that follows itself just stays).
  bool restart = next == current_ && next != kFallback && schedule_->slots[static_cast<size_t>(next)].video.has_value();
  bool changed = next != current_ || !started_ || restart;
  if (changed && started_) {
    previous_ = current_;
    transition_start_ = now;
    // A stopgap welcome shown for a moment at start-up (before the first figures) is cut away,
    // not faded: a fade would only hold back the page people came to see.
    bool brief_fallback = current_ == kFallback && now - shown_since_ < std::chrono::seconds(2);
    in_transition_ = schedule_ && schedule_->transition_ms > 0 && !brief_fallback;
  }
  if (changed) shown_since_ = now;
  started_ = true;
  skip_ = false;
  held_ = false;
  current_ = next;
  return changed;
}

float Rotation::transition(TimePoint now) const {
  if (!in_transition_ || !schedule_ || schedule_->transition_ms <= 0) return 1.0f;
  float t = static_cast<float>((now - transition_start_).count()) / static_cast<float>(schedule_->transition_ms);
  return std::clamp(t, 0.0f, 1.0f);
}

TimePoint Rotation::next_deadline(TimePoint now) const {
  if (in_transition_ && transition(now) < 1.0f) return now;  // animating
  if (held_) return now + std::chrono::hours(1);
  return std::max(now, slot_end_);
}

}  // namespace eco
