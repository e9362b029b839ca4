#pragma once
// Whether content the screen just switched to is healthy. It must draw a frame of every slot that
// was eligible at the switch and show no failure until the grace deadline; the first failure
// decides at once (a slot that never loads is counted from the start). Content updates roll back
// on an unhealthy verdict.
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include "base/clock.h"

namespace eco {

class HealthWatch {
 public:
  // `error`: a failure already known when the content loaded; empty for none.
  HealthWatch(std::filesystem::path dir, TimePoint deadline, std::string error, std::set<int> unseen_slots);

  // The slot drew a frame.
  void drew(int slot) { unseen_.erase(slot); }
  // A scene of this content failed; only the first failure is kept.
  void failed(const std::string& what) {
    if (error_.empty()) error_ = what;
  }

  struct Verdict {
    std::filesystem::path dir;
    bool ok = false;
    std::string error;  // empty when ok
  };
  // nullopt while still watching: no failure yet, and the deadline or a first frame of some slot
  // is still to come.
  std::optional<Verdict> verdict(TimePoint now) const;

  const std::filesystem::path& dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
  TimePoint deadline_;
  std::string error_;
  std::set<int> unseen_;
};

}  // namespace eco
