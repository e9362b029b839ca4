#include "data/data_checks.h"

#include "app/check_command.h"
#include "data/factors.h"
#include "data/targets.h"

namespace eco::data {

void register_data_checks() {
  add_content_check("data", [](const Config&, const std::filesystem::path& dir, CheckReport&) {
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir / "factors", ec))
      if (e.path().extension() == ".toml") FactorSet::load(e.path());
    for (const auto& e : std::filesystem::directory_iterator(dir / "targets", ec))
      if (e.path().extension() == ".toml") load_plan(e.path());
  });
}

}  // namespace eco::data
