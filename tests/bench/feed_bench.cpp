// Benchmark: one day of county-wide 15-minute data (650 institutions × 8 meters × 96 readings ≈
// 500,000 readings) parsed, turned into consumption, then all figures and rankings computed.
// Prints figures for docs/perf.md; it does not pass or fail on speed.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

#include <fmt/format.h>

#include "data/consumption.h"
#include "data/evaluation.h"
#include "data/feed_json.h"

using namespace eco::data;
using Clk = std::chrono::steady_clock;

namespace {

long status_kb(const char* field) {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::string(field).size()));
  return 0;
}

std::string county_day(int institutions, int meters_per) {
  std::string s = R"({"schema":"ecolobby-feed/1","generated_at":"2026-01-10T23:59:59+08:00","buildings":[)";
  for (int b = 0; b < institutions; ++b)
    s += fmt::format(R"({}{{"id":"500231B{:03}","name":"机构{}","type":"public_unit","area_m2":{},"occupants":{},"tz":"+08:00"}})",
                     b ? "," : "", b, b, 2000 + b * 10, 100 + b);
  s += R"(],"meters":[)";
  const char* energies[] = {"electricity", "water", "natural_gas"};
  for (int b = 0; b < institutions; ++b)
    for (int m = 0; m < meters_per; ++m)
      s += fmt::format(R"({}{{"id":"m{}-{}","building":"500231B{:03}","energy":"{}","code":"01000","unit":"{}","mode":"cumulative","main":{}}})",
                       b || m ? "," : "", b, m, b, energies[m < 3 ? m : 0], m == 0 || m >= 3 ? "kWh" : "m3", m < 3 ? "true" : "false");
  s += R"(],"readings":[)";
  bool first = true;
  for (int b = 0; b < institutions; ++b)
    for (int m = 0; m < meters_per; ++m)
      for (int i = 0; i < 96; ++i) {
        s += fmt::format(R"({}{{"meter":"m{}-{}","ts":"2026-01-10T{:02}:{:02}:00+08:00","value":{:.2f},"quality":"ok"}})",
                         first ? "" : ",\n", b, m, i / 4, (i % 4) * 15, 1000.0 + i * (1.5 + m));
        first = false;
      }
  s += "]}";
  return s;
}

}  // namespace

int main() {
  FactorSet factors = FactorSet::load(std::string(ECOLOBBY_SOURCE_DIR) + "/content/factors/cn-2023.toml");
  Plan plan = load_plan(std::string(ECOLOBBY_SOURCE_DIR) + "/content/targets/dianjiang-2025.toml");
  std::string body = county_day(650, 8);
  long rss_before = status_kb("VmRSS:");

  auto t0 = Clk::now();
  Feed feed = parse_feed_json(body, "bench", factors);
  auto t1 = Clk::now();
  size_t readings = feed.readings.size();
  int64_t at = feed.generated_at;
  auto series = build_consumption(feed, at);
  auto t2 = Clk::now();
  FigureOptions o;
  o.factors = &factors;
  o.plan = &plan;
  Figures figures = compute_figures(feed, series, at, o);
  auto t3 = Clk::now();
  long peak = status_kb("VmHWM:");

  auto ms = [](auto a, auto b) { return std::chrono::duration<double, std::milli>(b - a).count(); };
  double ingest_s = std::chrono::duration<double>(t2 - t0).count();
  std::printf("feed_bench: %zu readings, %.1f MB of JSON, %zu problems\n", readings, static_cast<double>(body.size()) / 1e6,
              feed.problems.size());
  std::printf("  parse %.1f ms, consumption %.1f ms: %.2f M readings/s ingested\n", ms(t0, t1), ms(t1, t2),
              static_cast<double>(readings) / ingest_s / 1e6);
  std::printf("  figures and rankings for %zu buildings: %.1f ms\n", figures.buildings.size(), ms(t2, t3));
  std::printf("  memory: RSS %.1f MB before parsing (body included), peak %.1f MB: %.1f MB extra\n", rss_before / 1024.0,
              peak / 1024.0, (peak - rss_before) / 1024.0);
  return figures.buildings.size() == 650 ? 0 : 1;
}
