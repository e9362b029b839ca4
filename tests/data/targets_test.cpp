#include "data/targets.h"

#include <gtest/gtest.h>

#include "base/toml_reader.h"

using namespace eco::data;

namespace {
Plan plan() { return load_plan(std::filesystem::path(ECOLOBBY_SOURCE_DIR) / "content/targets/dianjiang-2025.toml"); }
}  // namespace

TEST(Targets, TableIsLoadedAsPublished) {
  Plan p = plan();
  EXPECT_EQ(p.institutions, 648);
  EXPECT_EQ(p.indicators.size(), 7u);
  const Indicator* energy = p.find("energy_total");
  ASSERT_NE(energy, nullptr);
  EXPECT_DOUBLE_EQ(energy->base, 21426.97);
  EXPECT_DOUBLE_EQ(energy->target, 20356);
  EXPECT_FALSE(energy->binding);
  EXPECT_TRUE(p.find("co2_per_m2")->binding);
  EXPECT_DOUBLE_EQ(p.find("co2_per_m2")->target, 32.97);
}

TEST(Targets, PerPersonFiguresReproduceFromTheCountyTotals) {
  Plan p = plan();
  // 21426.97 tce / 112,900 people = 189.79 kgce per person (published 189.81)
  double energy_per_person = p.find("energy_total")->base * 1000 / p.occupants;
  EXPECT_NEAR(energy_per_person, p.find("energy_per_person")->base, 0.05);
  // 221.62 × 10^4 m³ / 112,900 people = 19.63 m³ per person
  double water_per_person = p.find("water_total")->base * 10000 / p.occupants;
  EXPECT_NEAR(water_per_person, p.find("water_per_person")->base, 0.01);
  // The per-m² figures do not reproduce (the plan's scope differs by indicator): 12.53 ≠ 11.48.
  double energy_per_m2 = p.find("energy_total")->base * 1000 / p.building_area_m2;
  EXPECT_GT(std::abs(energy_per_m2 - p.find("energy_per_m2")->base), 1.0);
}

TEST(Targets, ProRatedTargetLine) {
  Plan p = plan();
  const Indicator& i = *p.find("energy_per_person");
  EXPECT_DOUBLE_EQ(p.target_for_year(i, 2020), 189.81);
  EXPECT_DOUBLE_EQ(p.target_for_year(i, 2025), 180.32);
  EXPECT_NEAR(p.target_for_year(i, 2023), 189.81 + (180.32 - 189.81) * 0.6, 1e-9);
  EXPECT_DOUBLE_EQ(p.target_for_year(i, 2030), 180.32);
}
