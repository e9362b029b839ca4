#include "data/factors.h"

#include <fmt/format.h>

#include "base/toml_reader.h"

namespace eco::data {
namespace {

struct Name {
  Energy energy;
  const char* name;
};
constexpr Name kNames[] = {{Energy::Electricity, "electricity"}, {Energy::Water, "water"},
                           {Energy::NaturalGas, "natural_gas"},  {Energy::Coal, "coal"},
                           {Energy::Gasoline, "gasoline"},       {Energy::Diesel, "diesel"},
                           {Energy::Lpg, "lpg"},                 {Energy::Heat, "heat"},
                           {Energy::FoodWaste, "food_waste"}};

}  // namespace

std::optional<Energy> parse_energy(const std::string& name) {
  for (const auto& n : kNames)
    if (name == n.name) return n.energy;
  return std::nullopt;
}

const char* energy_name(Energy e) {
  for (const auto& n : kNames)
    if (n.energy == e) return n.name;
  return "?";
}

FactorSet FactorSet::load(const std::filesystem::path& file, const std::string& grid, bool equal_value) {
  auto doc = parse_toml_file(file.string());
  TomlReader r(*doc, file.string());
  FactorSet set;
  set.id_ = r.required_string("id");
  r.mark_read("name");
  for (const auto& n : kNames) {
    if (n.energy == Energy::FoodWaste) {  // weighed, not converted: no coefficients to read
      set.factors_[n.energy] = EnergyFactor{"kg", 0, 0, std::nullopt, "food waste: not an energy"};
      continue;
    }
    auto t = r.table(n.name);
    if (!t) r.fail(n.name, "a table with unit, kgce and co2_kg");
    EnergyFactor f;
    f.unit = t->required_string("unit");
    f.kgce = t->number("kgce", -1, 0, 100);
    if (f.kgce < 0) t->fail("kgce", "kg of standard coal per unit");
    f.source = t->required_string("kgce_source");
    if (n.energy == Energy::Electricity) {
      double equal = t->number("kgce_equal_value", 0, 0, 10);
      t->mark_read("kgce_equal_value_source");
      if (equal_value) {
        if (equal <= 0) t->fail("kgce_equal_value", "a coefficient, to use the equal-value method");
        f.kgce = equal;
      }
      set.grid_ = grid.empty() ? t->required_string("default_grid") : grid;
      t->mark_read("default_grid");
      auto grids = t->table("grid");
      if (!grids) t->fail("grid", "tables of grid factors");
      auto chosen = grids->table(set.grid_);
      if (!chosen)
        throw ConfigError(fmt::format("{}: no electricity grid factor '{}' (e.g. national-2023, chongqing-2022)",
                                      file.string(), set.grid_));
      f.co2_kg = chosen->number("co2_kg", -1, 0, 10);
      if (f.co2_kg < 0) chosen->fail("co2_kg", "kg CO2 per kWh");
      f.source += "; " + chosen->required_string("source");
      for (const auto& [key, node] : grids->raw()) grids->mark_read(key.str());
    } else {
      f.co2_kg = t->number("co2_kg", -1, 0, 100);
      if (f.co2_kg < 0) t->fail("co2_kg", "kg CO2 per unit");
      f.source += "; " + t->required_string("co2_source");
      if (auto d = t->optional_number("density_kg_per_l", 0.1, 3)) {
        f.density_kg_per_l = d;
        t->mark_read("density_source");
      }
    }
    for (auto& w : t->unknown_keys()) throw ConfigError(w);
    set.factors_[n.energy] = f;
  }
  for (auto& w : r.unknown_keys()) throw ConfigError(w);
  return set;
}

double FactorSet::unit_scale(Energy e, const std::string& unit) const {
  const EnergyFactor& f = factors_.at(e);
  if (unit == f.unit) return 1;
  if (f.unit == "kWh" && unit == "MWh") return 1000;
  if (f.unit == "kg" && unit == "t") return 1000;
  if (f.unit == "kg" && unit == "L" && f.density_kg_per_l) return *f.density_kg_per_l;
  if (f.unit == "MJ" && unit == "GJ") return 1000;
  if (f.unit == "m3" && unit == "10^4 m3") return 10000;
  if (f.unit == "m3" && unit == "t" && e == Energy::Water) return 1;  // water bills are in tonnes
  throw std::invalid_argument(fmt::format("{} cannot be measured in '{}' (expected {})", energy_name(e), unit, f.unit));
}

Converted FactorSet::convert(Energy e, double quantity, const std::string& unit) const {
  return convert_base(e, quantity * unit_scale(e, unit));
}

Converted FactorSet::convert_base(Energy e, double quantity) const {
  const EnergyFactor& f = factors_.at(e);
  return {quantity * f.kgce, quantity * f.co2_kg};
}

}  // namespace eco::data
