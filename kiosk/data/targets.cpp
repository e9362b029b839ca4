#include "data/targets.h"

#include <algorithm>

#include "base/toml_reader.h"

namespace eco::data {

const Indicator* Plan::find(const std::string& id) const {
  for (const auto& i : indicators)
    if (i.id == id) return &i;
  return nullptr;
}

double Plan::target_for_year(const Indicator& i, int year) const {
  if (target_year <= base_year) return i.target;
  double t = std::clamp(static_cast<double>(year - base_year) / (target_year - base_year), 0.0, 1.0);
  return i.base + (i.target - i.base) * t;
}

Plan load_plan(const std::filesystem::path& file) {
  auto doc = parse_toml_file(file.string());
  TomlReader r(*doc, file.string());
  Plan p;
  p.id = r.required_string("id");
  r.mark_read("name");
  p.source = r.required_string("source");
  p.region = r.string("region", "");
  p.base_year = static_cast<int>(r.integer("base_year", 0, 2000, 2100));
  p.target_year = static_cast<int>(r.integer("target_year", 0, 2000, 2100));
  if (p.target_year <= p.base_year) r.fail("target_year", "a year after base_year");
  p.institutions = static_cast<int>(r.integer("institutions", 0, 0, 1000000));
  p.building_area_m2 = r.number("building_area_m2", 0, 0, 1e10);
  p.occupants = r.number("occupants", 0, 0, 1e9);
  for (const TomlReader& t : r.tables("indicator")) {
    Indicator i;
    i.id = t.required_string("id");
    if (const toml::node* n = t.node("name"))
      if (auto tbl = n->as_table())
        for (const auto& [lang, v] : *tbl) i.name[std::string(lang.str())] = v.value_or(std::string());
    i.unit = t.required_string("unit");
    i.base = t.number("base", -1, 0, 1e12);
    i.target = t.number("target", -1, 0, 1e12);
    if (i.base < 0) t.fail("base", "the base-year value");
    if (i.target < 0) t.fail("target", "the target value");
    i.binding = t.boolean("binding", false);
    for (auto& w : t.unknown_keys()) throw ConfigError(w);
    p.indicators.push_back(i);
  }
  if (p.indicators.empty()) r.fail("indicator", "at least one [[indicator]]");
  for (auto& w : r.unknown_keys()) throw ConfigError(w);
  return p;
}

}  // namespace eco::data
