#include "data/feed.h"

#include "base/utf8.h"

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

void make_text_valid(Feed& feed) {
  auto fix = [](std::string& s) {
    if (!is_valid_utf8(s)) s = to_valid_utf8(s);
  };
  fix(feed.source);
  fix(feed.schema);
  for (auto& b : feed.buildings) fix(b.id), fix(b.name);
  for (auto& m : feed.meters) fix(m.id), fix(m.code), fix(m.unit);
  for (auto& p : feed.problems) fix(p.where), fix(p.what);
}

}  // namespace eco::data
