#include "data/factors.h"

#include <fstream>

#include <gtest/gtest.h>

#include "base/toml_reader.h"

using namespace eco;
using namespace eco::data;

namespace {
std::filesystem::path factor_file() { return std::filesystem::path(ECOLOBBY_SOURCE_DIR) / "content/factors/cn-2023.toml"; }
}  // namespace

TEST(Factors, ElectricityByEquivalentValueAndGridChoice) {
  FactorSet national = FactorSet::load(factor_file());
  EXPECT_EQ(national.grid(), "national-2023");
  Converted c = national.convert(Energy::Electricity, 1000, "kWh");
  EXPECT_NEAR(c.kgce, 122.9, 1e-9);   // 1000 × 0.1229
  EXPECT_NEAR(c.co2_kg, 530.6, 1e-9);  // 1000 × 0.5306
  EXPECT_NEAR(national.convert(Energy::Electricity, 2, "MWh").kgce, 245.8, 1e-9);
  FactorSet chongqing = FactorSet::load(factor_file(), "chongqing-2022");
  EXPECT_NEAR(chongqing.convert(Energy::Electricity, 1000, "kWh").co2_kg, 522.7, 1e-9);
  FactorSet equal = FactorSet::load(factor_file(), "", true);
  EXPECT_NEAR(equal.convert(Energy::Electricity, 1000, "kWh").kgce, 300.0, 1e-9);
  EXPECT_NE(national.factor(Energy::Electricity).source.find("GB/T 2589-2020"), std::string::npos);
}

TEST(Factors, FuelsGasHeatAndWater) {
  FactorSet f = FactorSet::load(factor_file());
  Converted gas = f.convert(Energy::NaturalGas, 100, "m3");
  EXPECT_NEAR(gas.kgce, 121.43, 1e-9);
  EXPECT_NEAR(gas.co2_kg, 216.2, 1e-9);
  Converted petrol = f.convert(Energy::Gasoline, 100, "L");  // 100 L × 0.725 kg/L = 72.5 kg
  EXPECT_NEAR(petrol.kgce, 72.5 * 1.4714, 1e-9);
  EXPECT_NEAR(petrol.co2_kg, 72.5 * 2.9251, 1e-9);
  EXPECT_NEAR(f.convert(Energy::Diesel, 1, "t").kgce, 1457.1, 1e-9);
  EXPECT_NEAR(f.convert(Energy::Heat, 1, "GJ").co2_kg, 110.0, 1e-9);  // 0.11 t/GJ
  Converted water = f.convert(Energy::Water, 50, "m3");
  EXPECT_EQ(water.kgce, 0);
  EXPECT_EQ(water.co2_kg, 0);  // water carries no CO2 by default
  EXPECT_THROW(f.convert(Energy::Electricity, 1, "m3"), std::invalid_argument);
}

TEST(Factors, BadFilesNameFileLineAndKey) {
  auto dir = std::filesystem::temp_directory_path() / "ecolobby-factors-test";
  std::filesystem::create_directories(dir);
  std::string good;
  {
    std::ifstream in(factor_file());
    good.assign(std::istreambuf_iterator<char>(in), {});
  }
  auto error_with = [&](const std::string& from, const std::string& to) {
    std::string text = good;
    text.replace(text.find(from), from.size(), to);
    std::ofstream(dir / "f.toml") << text;
    try {
      FactorSet::load(dir / "f.toml");
    } catch (const ConfigError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(error_with("kgce = 1.2143", "kgce = -1").find("key 'natural_gas.kgce'"), std::string::npos);
  EXPECT_NE(error_with("co2_kg = 2.162", "co2_kg = \"lots\"").find("key 'natural_gas.co2_kg'"), std::string::npos);
  EXPECT_NE(error_with("default_grid = \"national-2023\"", "default_grid = \"mars-2023\"").find("no electricity grid factor 'mars-2023'"),
            std::string::npos);
  EXPECT_NE(error_with("[lpg]", "[lpgg]").find("key 'lpg': expected a table with unit, kgce and co2_kg, but it is missing"), std::string::npos);
  EXPECT_EQ(parse_energy("natural_gas"), Energy::NaturalGas);
  EXPECT_FALSE(parse_energy("steam"));
  std::filesystem::remove_all(dir);
}
