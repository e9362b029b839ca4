#include "data/kpi_command.h"

#include <cmath>
#include <iostream>

#include <fmt/format.h>

#include "base/clock.h"
#include "data/data_config.h"
#include "data/evaluation.h"
#include "data/fetcher.h"
#include "data/figures_json.h"

namespace eco::data {
namespace {

struct KpiOptions {
  std::vector<std::string> feeds;
  std::string factors, targets, at, grid, rank_by;
  bool json = false;
};

std::string body_of(const std::string& url) {
  SourceConfig source;
  source.url = url;
  Validators none;
  FetchResult r = fetch(source, none);
  if (r.status != FetchResult::Status::Body) throw CommandError(fmt::format("{}: {}", redact_url(url), r.error), 1);
  return std::move(r.body);
}

std::string fixed(double v, int digits = 1) { return std::isfinite(v) ? fmt::format("{:.{}f}", v, digits) : "—"; }

void print_text(const Figures& f, const Evaluation& e, int offset) {
  auto when = [offset](int64_t t) { return t ? format_iso8601(from_unix_seconds(t), offset) : std::string("—"); };
  fmt::print("figures at {}: {} buildings, {} readings\n\n", when(f.at), f.buildings.size(), e.readings);
  fmt::print("{:<12} {:>12} {:>10} {:>10} {:>12} {:>12} {:>9} {:>9}\n", "building", "ytd kWh", "water m3", "gas m3", "kgce",
             "CO2 kg", "change %", "coverage");
  auto row = [&](const BuildingFigures& b) {
    const auto& y = b.periods[kYear];
    fmt::print("{:<12} {:>12} {:>10} {:>10} {:>12} {:>12} {:>9} {:>8}%{}\n", b.id, fixed(y.now.electricity_kwh, 0),
               fixed(y.now.water_m3, 0), fixed(y.now.gas_m3, 0), fixed(y.now.energy_kgce, 0), fixed(y.now.co2_kg, 0),
               fixed(y.change(&Amounts::energy_kgce)), fixed(y.now.coverage * 100, 0),
               b.stale ? "  stale" : "");
  };
  for (const auto& b : f.buildings) row(b);
  row(f.total);
  fmt::print("\nranking by % reduction of energy per {} ({}):\n", f.basis == RankBasis::PerM2 ? "m²" : "person",
             kPeriodNames[f.rank_period]);
  for (const auto& r : f.rankings) {
    if (r.eligible) fmt::print("  {:>3}. {:<12} {:>7}%  {}\n", r.rank, r.building, fixed(r.reduction_pct), r.name);
    else fmt::print("   —  {:<12} 数据不全 ({})  {}\n", r.building, r.reason, r.name);
  }
  if (!f.total.targets.empty()) {
    fmt::print("\nplan targets, all buildings, pro-rated to date:\n");
    for (const auto& t : f.total.targets)
      fmt::print("  {:<18} {:>10} of {:>10} {}  {}\n", t.id, fixed(t.actual, 2), fixed(t.target_to_date, 2), t.unit,
                 t.on_track() ? "on track" : "over");
  }
}

void run(const KpiOptions& o, const Config& config) {
  DataConfig dc = load_data_config(config);
  if (!o.factors.empty()) dc.factors_file = o.factors;
  if (!o.targets.empty()) dc.targets_file = o.targets;
  if (!o.grid.empty()) dc.grid = o.grid;
  if (o.rank_by == "energy_per_person") dc.basis = RankBasis::PerPerson;
  FactorSet factors = FactorSet::load(dc.factors_file, dc.grid, dc.equal_value);
  std::optional<Plan> plan;
  if (std::filesystem::exists(dc.targets_file)) plan = load_plan(dc.targets_file);

  std::vector<Feed> feeds;
  for (const auto& url : o.feeds) {
    std::string body = body_of(url);
    try {
      feeds.push_back(parse_feed(body, redact_url(url), factors, dc.utc_offset_minutes));
    } catch (const FeedError& e) {
      throw CommandError(e.what(), 1);
    }
  }
  Feed feed = merge_feeds(std::move(feeds));
  int64_t at = 0;
  if (!o.at.empty()) {
    auto t = parse_iso8601(o.at, dc.utc_offset_minutes);
    if (!t) throw CommandError(fmt::format("--at '{}': expected a time like 2026-01-10T12:00:00+08:00", o.at), 2);
    at = unix_seconds(t->utc);
  } else {
    // A feed file describes a moment: figures "as of" it, unless asked for another time.
    at = feed.generated_at ? feed.generated_at
                           : unix_seconds(Clock().now());
  }
  FigureOptions fo;
  fo.factors = &factors;
  fo.plan = plan ? &*plan : nullptr;
  fo.stale_after_s = dc.stale_after_s();
  fo.basis = dc.basis;
  fo.rank_period = dc.rank_period;
  fo.min_coverage = dc.min_coverage;
  Evaluation e = evaluate(std::move(feed), at, fo);
  for (const auto& p : e.problems) std::cerr << "warning: " << p.where << ": " << p.what << "\n";
  if (o.json) {
    nlohmann::json extra = {{"factors", factors.id()}, {"grid", factors.grid()}, {"problems", nlohmann::json::array()}};
    for (const auto& p : e.problems) extra["problems"].push_back(p.where + ": " + p.what);
    write_figures_json(std::cout, e.figures, dc.utc_offset_minutes, extra);
  } else {
    print_text(e.figures, e, dc.utc_offset_minutes);
  }
}

}  // namespace

void register_kpi_command(CLI::App& app, CommandContext& ctx) {
  auto o = std::make_shared<KpiOptions>();
  auto* cmd = app.add_subcommand("kpi", "Check feeds and print the derived figures and rankings");
  cmd->add_option("--feed", o->feeds, "Feed file, file:// or http(s):// URL (JSON or monthly CSV); repeatable")->required();
  cmd->add_option("--factors", o->factors, "Factor set (default: content/factors/cn-2023.toml)");
  cmd->add_option("--targets", o->targets, "Plan targets (default: content/targets/dianjiang-2025.toml)");
  cmd->add_option("--grid", o->grid, "Electricity CO2 factor: national-2023, chongqing-2022, …");
  cmd->add_option("--rank-by", o->rank_by, "energy_per_m2 (default) or energy_per_person")
      ->check(CLI::IsMember({"energy_per_m2", "energy_per_person"}));
  cmd->add_option("--at", o->at, "Compute as of this time (default: the feed's generated_at, else now)");
  cmd->add_flag("--json", o->json, "Print JSON: buildings, total, rankings");
  cmd->callback([o, &ctx] {
    try {
      run(*o, ctx.config());
    } catch (const ConfigError& e) {
      throw CommandError(e.what(), 2);
    }
  });
}

}  // namespace eco::data
