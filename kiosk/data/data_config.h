#pragma once
// The [data] section of the kiosk configuration: where feeds come from, which factor set and
// plan to use, and how rankings are made. Factor and target files are relative to the content
// directory (content bundles may update them); source paths are relative to the config file.
#include <filesystem>
#include <vector>

#include "base/config.h"
#include "data/fetcher.h"
#include "data/figures.h"

namespace eco::data {

struct DataConfig {
  std::vector<SourceConfig> sources;
  std::filesystem::path factors_file, targets_file;
  std::string grid;          // empty: the factor file's default
  bool equal_value = false;  // electricity by 等价值 instead of 当量值
  RankBasis basis = RankBasis::PerM2;
  Period rank_period = kYear;
  double min_coverage = 0.9;
  int utc_offset_minutes = 480;  // for CSV entries, which carry no offset
  std::string building;          // this screen's institution (feed building id); empty = all

  // Data older than two fetch intervals of the slowest source (at least 30 min) is stale.
  int64_t stale_after_s() const;
};

// Throws ConfigError naming file:line and key.
DataConfig load_data_config(const Config& config);

}  // namespace eco::data
