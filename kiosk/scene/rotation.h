#pragma once
// Which slot is on screen and when the next one comes: cycles through the slots select_slots()
// picks, crossfading between them, holding while someone interacts. Pure logic on virtual time,
// so it is tested without a display.
#include <chrono>
#include <functional>
#include <optional>

#include "base/iso8601.h"
#include "scene/schedule.h"

namespace eco {

class Rotation {
 public:
  static constexpr int kFallback = -1;  // the built-in welcome scene, when no slot is eligible

  explicit Rotation(const Schedule* schedule) : schedule_(schedule) {}
  void set_schedule(const Schedule* schedule);  // new content; takes effect at the next boundary

  // Media slots: a slot's own length when the schedule gives none (a video's), and whether its
  // scene is ready to show (prepared in time). At a slot boundary a slot that is not ready is
  // skipped with one log line and the next one comes; the first slot and slots after the
  // fallback are entered unprepared (they load as they show).
  struct Media {
    std::function<std::optional<std::chrono::milliseconds>(size_t)> length;
    std::function<bool(size_t)> ready;
  };
  void set_media(Media media) { media_ = std::move(media); }
  // The slot that will follow the current one if it ends within `lead` (what to prepare now), or
  // nullopt (nothing due soon, held, the fallback next).
  std::optional<int> upcoming(TimePoint now, const LocalTime& local, const std::function<bool(size_t)>& available,
                              std::chrono::milliseconds lead) const;

  // Moves time on; returns true when the slot on screen changed.
  bool update(TimePoint now, const LocalTime& local, const std::function<bool(size_t)>& available);
  // Ends the current slot now (idle timeout after interaction, a scene that failed).
  void skip() { skip_ = true; }
  // While held (someone is using an interactive scene) the slot does not end.
  void hold(bool held, TimePoint now);
  bool held() const { return held_; }
  bool started() const { return started_; }

  int current() const { return current_; }
  std::optional<int> previous() const { return in_transition_ ? std::optional<int>(previous_) : std::nullopt; }
  // 0 → 1 over the crossfade; 1 when no transition runs.
  float transition(TimePoint now) const;
  // When update() must run next to move on by itself.
  TimePoint next_deadline(TimePoint now) const;

 private:
  int pick_next(const std::vector<size_t>& eligible) const;
  int pick_ready(const std::vector<size_t>& eligible) const;
  const Schedule* schedule_;
  Media media_;
  bool started_ = false;
  bool skip_ = false;
  bool held_ = false;
  bool in_transition_ = false;
  int current_ = kFallback;
  int previous_ = kFallback;
  TimePoint slot_end_{};
  TimePoint transition_start_{};
  TimePoint shown_since_{};  // when the current slot came on screen
};

}  // namespace eco
