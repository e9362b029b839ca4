#include "app/health_watch.h"

namespace eco {

HealthWatch::HealthWatch(std::filesystem::path dir, TimePoint deadline, std::string error, std::set<int> unseen_slots)
    : dir_(std::move(dir)), deadline_(deadline), error_(std::move(error)), unseen_(std::move(unseen_slots)) {}

std::optional<HealthWatch::Verdict> HealthWatch::verdict(TimePoint now) const {
  if (error_.empty() && (now < deadline_ || !unseen_.empty())) return std::nullopt;
  return Verdict{dir_, error_.empty(), error_};
}

}  // namespace eco
