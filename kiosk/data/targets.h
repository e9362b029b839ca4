#pragma once
// The plan's published targets (content/targets/dianjiang-2025.toml, table 专栏1), as published,
// and how far into the plan period a date is, for "progress against the target so far".
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace eco::data {

struct Indicator {
  std::string id;
  std::map<std::string, std::string> name;  // language → name
  std::string unit;
  double base = 0;    // base-year value
  double target = 0;  // target-year value (a ceiling)
  bool binding = false;  // 约束性 (binding) or 预期性 (expected)
};

struct Plan {
  std::string id, source, region;
  int base_year = 0, target_year = 0;
  int institutions = 0;
  double building_area_m2 = 0, occupants = 0;
  std::vector<Indicator> indicators;

  const Indicator* find(const std::string& id) const;
  // The target for `year`, on the straight line from base to target (before base: base).
  double target_for_year(const Indicator& i, int year) const;
};

// Throws ConfigError naming file:line:key.
Plan load_plan(const std::filesystem::path& file);

}  // namespace eco::data
