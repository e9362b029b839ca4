#pragma once
// Conversion of metered quantities to standard coal (kgce) and CO2 (kg), with coefficients read
// from a versioned factor file (content/factors/cn-2023.toml), never from code: factors change
// every year and a site may use provincial electricity factors.
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace eco::data {

// FoodWaste is not an energy: a canteen's scale (kg), carried beside the energy figures for the
// clean-plate campaign and never converted or counted toward energy, carbon or coverage.
enum class Energy { Electricity, Water, NaturalGas, Coal, Gasoline, Diesel, Lpg, Heat, FoodWaste };

// "electricity", "natural_gas", … as in the feed format; nullopt for anything else.
std::optional<Energy> parse_energy(const std::string& name);
const char* energy_name(Energy e);

struct EnergyFactor {
  std::string unit;                 // the unit the coefficients are per: kWh, m3, kg, MJ
  double kgce = 0;                  // kg of standard coal per unit
  double co2_kg = 0;                // kg CO2 per unit (electricity: from the chosen grid)
  std::optional<double> density_kg_per_l;
  std::string source;
};

struct Converted {
  double kgce = 0;
  double co2_kg = 0;
};

class FactorSet {
 public:
  // Throws ConfigError naming file:line:key. `grid` chooses the electricity CO2 factor
  // ("national-2023", "chongqing-2022"; empty = the file's default_grid); `equal_value` uses the
  // 等价值 electricity coefficient instead of the 当量值 one.
  static FactorSet load(const std::filesystem::path& file, const std::string& grid = {}, bool equal_value = false);

  // Converts `quantity` in `unit` (kWh/MWh, m3, kg/t, L, MJ/GJ). Throws std::invalid_argument
  // for a unit that does not fit the energy.
  Converted convert(Energy e, double quantity, const std::string& unit) const;
  // Quantity already in the factor's own unit (kWh, m3, kg, MJ).
  Converted convert_base(Energy e, double quantity) const;
  // What one `unit` is in the factor's own unit (MWh → 1000 kWh). Throws std::invalid_argument.
  double unit_scale(Energy e, const std::string& unit) const;
  const EnergyFactor& factor(Energy e) const { return factors_.at(e); }
  const std::string& id() const { return id_; }
  const std::string& grid() const { return grid_; }

 private:
  std::string id_, grid_;
  std::map<Energy, EnergyFactor> factors_;
};

}  // namespace eco::data
