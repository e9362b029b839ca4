#include "data/feed.h"

#include <fmt/format.h>

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
  size_t cut = 0;
  std::string first_cut;
  auto fit = [&](std::string& s, size_t max, const char* what) {
    fix(s);
    if (s.size() <= max) return;
    if (cut++ == 0) first_cut = fmt::format("{} of {} bytes", what, s.size());
    s = std::string(utf8_prefix(s, max));
  };
  fix(feed.source);
  fix(feed.schema);
  for (auto& b : feed.buildings) fit(b.id, kMaxFeedId, "a building id"), fit(b.name, kMaxFeedName, "a building name");
  for (auto& m : feed.meters) fit(m.id, kMaxFeedId, "a meter id"), fit(m.code, kMaxFeedId, "a code"), fit(m.unit, kMaxFeedId, "a unit");
  for (auto& p : feed.problems) fix(p.where), fix(p.what);
  if (cut)
    feed.problem(feed.source, fmt::format("{} texts cut to what a screen shows ({} bytes for names, {} for ids; the first: {})", cut,
                                          kMaxFeedName, kMaxFeedId, first_cut));
}

}  // namespace eco::data
