#include "data/feed.h"

namespace eco::data {

namespace {
// A feed with a broken exporter can have a problem per reading; the log and the overlay need the
// first ones and a count, not half a million lines.
constexpr size_t kMaxProblems = 200;
}  // namespace

void Feed::problem(std::string where, std::string what) {
  if (problems.size() >= kMaxProblems) {
    ++problems_dropped;
    return;
  }
  problems.push_back({std::move(where), std::move(what)});
}

const char* building_type_name(BuildingType t) {
  switch (t) {
    case BuildingType::StateOrgan: return "state_organ";
    case BuildingType::PublicUnit: return "public_unit";
    case BuildingType::Group: return "group";
  }
  return "?";
}

}  // namespace eco::data
