#include "data/data_checks.h"

#include "base/content_checks.h"
#include "data/data_config.h"
#include "data/factors.h"
#include "data/targets.h"

namespace eco::data {

void register_data_checks() {
  add_content_check("data", [](const Config& config, const std::filesystem::path& dir, CheckReport&) {
    // Factor and target files are looked up in the content being checked (a bundle brings its own).
    Config in_dir = config;
    in_dir.content_dir = dir;
    DataConfig data = load_data_config(in_dir);  // [data] of the configuration: file:line errors
    if (!data.sources.empty()) FactorSet::load(data.factors_file, data.grid, data.equal_value);
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir / "factors", ec))
      if (e.path().extension() == ".toml") FactorSet::load(e.path());
    for (const auto& e : std::filesystem::directory_iterator(dir / "targets", ec))
      if (e.path().extension() == ".toml") load_plan(e.path());
  });
}

}  // namespace eco::data
