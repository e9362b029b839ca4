#include "data/data_config.h"

#include <spdlog/spdlog.h>

#include "base/config_sections.h"

namespace eco::data {

int64_t DataConfig::stale_after_s() const {
  int64_t longest = 0;
  for (const auto& s : sources) longest = std::max<int64_t>(longest, s.interval.count());
  // Never under 30 minutes: two 15-minute readings, however often the source is asked.
  return std::max<int64_t>(2 * longest, 1800);
}

DataConfig load_data_config(const Config& config) {
  DataConfig d;
  d.utc_offset_minutes = config.utc_offset_minutes;
  TomlReader r = config.section("data");
  namespace fs = std::filesystem;
  auto in_content = [&](const std::string& p) { return fs::path(p).is_absolute() ? fs::path(p) : config.content_dir / p; };
  d.factors_file = in_content(r.string("factors", "factors/cn-2023.toml"));
  d.targets_file = in_content(r.string("targets", "targets/dianjiang-2025.toml"));
  d.grid = r.string("grid", "");
  d.equal_value = r.boolean("equal_value", false);
  d.basis = r.choice("rank_by", "energy_per_m2", {"energy_per_m2", "energy_per_person"}) == "energy_per_person" ? RankBasis::PerPerson
                                                                                                                : RankBasis::PerM2;
  std::string period = r.choice("rank_period", "ytd", {"ytd", "month", "today"});
  d.rank_period = period == "month" ? kMonth : period == "today" ? kToday : kYear;
  d.min_coverage = r.number("min_coverage", 0.9, 0.1, 1.0);
  d.building = r.string("building", "");

  for (auto& s : r.tables("source")) {
    SourceConfig source;
    source.url = s.required_string("url");
    bool plain_path = !is_http_url(source.url) && source.url.rfind("file://", 0) != 0;
    if (plain_path && source.url.find("://") != std::string::npos) s.fail("url", "an http://, https:// or file:// URL, or a path");
    if (plain_path) source.url = config_relative_path(config, source.url).string();
    source.interval = std::chrono::seconds(s.integer("interval_s", 900, 10, 86400 * 31));
    source.bearer_token = s.string("token", "");
    if (auto file = s.optional_string("token_file")) {  // keeps the secret out of a readable config
      try {
        source.bearer_token = read_text_file(config_relative_path(config, *file).string());
        while (!source.bearer_token.empty() && std::isspace(static_cast<unsigned char>(source.bearer_token.back())))
          source.bearer_token.pop_back();
      } catch (const ConfigError& e) {
        s.fail("token_file", "a readable file holding the token");
      }
    }
    source.ca_file = config_relative_path(config, s.string("ca_file", "")).string();
    source.max_bytes = static_cast<size_t>(s.integer("max_mb", 32, 1, 1024)) << 20;
    source.connect_timeout = std::chrono::seconds(s.integer("connect_timeout_s", 5, 1, 120));
    source.total_timeout = std::chrono::seconds(s.integer("timeout_s", 20, 1, 600));
    source.encoding = *parse_text_encoding(s.choice("encoding", "auto", {"auto", "utf-8", "gb18030", "gbk"}));
    for (auto& w : s.unknown_keys()) spdlog::warn("{}", w);
    d.sources.push_back(std::move(source));
  }
  for (auto& w : r.unknown_keys()) spdlog::warn("{}", w);
  return d;
}

}  // namespace eco::data
