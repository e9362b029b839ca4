#include "data/figures_json.h"

#include <algorithm>
#include <cmath>
#include <ostream>

#include "base/iso8601.h"

namespace eco::data {
namespace {

using nlohmann::json;

// JSON has no NaN: "no figure" is null.
json number(double v) { return std::isfinite(v) ? json(std::round(v * 1000.0) / 1000.0) : json(nullptr); }

json amounts(const Amounts& a) {
  json co2_by_source = {{"electricity", number(a.co2_electricity_kg)},
                        {"natural_gas", number(a.co2_gas_kg)},
                        {"other", number(std::max(0.0, a.co2_kg - a.co2_electricity_kg - a.co2_gas_kg))}};
  return {{"electricity_kwh", number(a.electricity_kwh)}, {"water_m3", number(a.water_m3)}, {"gas_m3", number(a.gas_m3)},
          {"energy_kgce", number(a.energy_kgce)},         {"co2_kg", number(a.co2_kg)},     {"coverage", number(a.coverage)},
          {"co2_by_source", co2_by_source}};
}

json changes(const PeriodFigures& p) {
  return {{"electricity_kwh", number(p.change(&Amounts::electricity_kwh))},
          {"water_m3", number(p.change(&Amounts::water_m3))},
          {"gas_m3", number(p.change(&Amounts::gas_m3))},
          {"energy_kgce", number(p.change(&Amounts::energy_kgce))},
          {"co2_kg", number(p.change(&Amounts::co2_kg))}};
}

std::string iso(int64_t t, int offset) {
  return t ? format_iso8601(from_unix_seconds(t), offset) : std::string();
}

json building(const BuildingFigures& b, int offset) {
  json j = {{"id", b.id}, {"name", b.name}, {"area_m2", number(b.area_m2)}, {"occupants", number(b.occupants)}};
  if (b.id != "total") j["type"] = building_type_name(b.type);
  json last_year, change;
  for (int p = 0; p < 3; ++p) {
    j[kPeriodNames[p]] = amounts(b.periods[p].now);
    last_year[kPeriodNames[p]] = amounts(b.periods[p].last_year);
    change[kPeriodNames[p]] = changes(b.periods[p]);
  }
  j["last_year"] = last_year;
  j["change_pct"] = change;
  const Amounts& ytd = b.periods[kYear].now;
  j["per_person"] = b.occupants > 0 ? amounts(ytd.scaled(1.0 / b.occupants)) : json(nullptr);
  j["per_m2"] = b.area_m2 > 0 ? amounts(ytd.scaled(1.0 / b.area_m2)) : json(nullptr);
  j["latest"] = b.latest ? json(iso(b.latest, offset)) : json(nullptr);
  j["stale"] = b.stale;
  j["food_waste"] = b.food_waste_metered ? json{{"today_kg", number(b.periods[kToday].now.food_waste_kg)},
                                                {"month_kg", number(b.periods[kMonth].now.food_waste_kg)},
                                                {"ytd_kg", number(b.periods[kYear].now.food_waste_kg)}}
                                         : json(nullptr);
  json breakdown = json::array();
  for (const auto& s : b.breakdown) breakdown.push_back({{"code", s.code}, {"month_kwh", number(s.month_kwh)}});
  j["breakdown"] = breakdown;
  json profile = json::array();
  for (double v : b.profile) profile.push_back(number(v));
  j["profile"] = {{"step_min", 15}, {"electricity_kwh", profile}};
  json targets = json::array();
  for (const auto& t : b.targets)
    targets.push_back({{"id", t.id},
                       {"unit", t.unit},
                       {"target_year", number(t.target_year)},
                       {"target_to_date", number(t.target_to_date)},
                       {"actual", number(t.actual)},
                       {"progress_pct", number(t.target_to_date > 0 ? t.actual / t.target_to_date * 100 : NAN)},
                       {"on_track", t.on_track()}});
  j["targets"] = targets;
  return j;
}

json ranking(const RankingEntry& r) {
  return {{"rank", r.eligible ? json(r.rank) : json(nullptr)},
          {"building", r.building},
          {"name", r.name},
          {"reduction_pct", number(r.reduction_pct)},
          {"coverage", number(r.coverage)},
          {"eligible", r.eligible},
          {"reason", r.reason}};
}

// Everything but the two lists, which may hold a province.
json summary(const Figures& f, int offset) {
  json j;
  j["at"] = iso(f.at, offset);
  j["buildings_count"] = f.buildings_count;  // in the feed, listed or not
  j["total"] = building(f.total, offset);
  j["rankings_count"] = f.rankings.size();
  j["ranking_basis"] = f.basis == RankBasis::PerM2 ? "energy_per_m2" : "energy_per_person";
  j["ranking_period"] = kPeriodNames[f.rank_period];
  return j;
}

std::string dumped(const json& j, int indent) { return j.dump(indent, ' ', false, json::error_handler_t::replace); }

// `text` as it reads nested `levels` deep in a document indented by two.
std::string nested(std::string text, int levels) {
  std::string pad(static_cast<size_t>(2 * levels), ' ');
  for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + 1)) text.insert(at + 1, pad);
  return text;
}

template <typename List, typename ToJson>
void write_list(std::ostream& out, const List& list, ToJson to_json) {
  if (list.empty()) {
    out << "[]";
    return;
  }
  out << "[";
  for (size_t i = 0; i < list.size(); ++i) out << (i ? ",\n    " : "\n    ") << nested(dumped(to_json(list[i]), 2), 2);
  out << "\n  ]";
}

}  // namespace

json figures_to_json(const Figures& f, int offset, const SnapshotScope* scope) {
  std::vector<size_t> rankings_kept;
  if (scope && f.rankings.size() > scope->max_rankings) rankings_kept = scoped_rankings(f.rankings, *scope);
  else
    for (size_t i = 0; i < f.rankings.size(); ++i) rankings_kept.push_back(i);

  json j = summary(f, offset);
  json list = json::array();
  for (const auto& b : f.buildings) list.push_back(building(b, offset));
  j["buildings"] = list;
  json rankings = json::array();
  for (size_t i : rankings_kept) rankings.push_back(ranking(f.rankings[i]));
  j["rankings"] = rankings;
  return j;
}

void write_figures_json(std::ostream& out, const Figures& f, int offset, const json& extra) {
  json j = summary(f, offset);
  if (extra.is_object()) j.update(extra);
  j["buildings"] = nullptr;  // placeholders: written element by element below
  j["rankings"] = nullptr;
  out << "{";
  bool first = true;
  for (const auto& [key, value] : j.items()) {
    out << (first ? "\n  " : ",\n  ") << dumped(json(key), -1) << ": ";
    first = false;
    if (key == "buildings") write_list(out, f.buildings, [&](const BuildingFigures& b) { return building(b, offset); });
    else if (key == "rankings") write_list(out, f.rankings, [](const RankingEntry& r) { return ranking(r); });
    else out << nested(dumped(value, 2), 1);
  }
  out << "\n}\n";
}

}  // namespace eco::data
