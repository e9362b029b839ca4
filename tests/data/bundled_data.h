#pragma once
// The bundled factor set and plan, loaded once per test program, and ISO 8601 → UTC seconds.
#include <filesystem>

#include "base/iso8601.h"
#include "data/factors.h"
#include "data/targets.h"

namespace eco::data::testing_support {

inline const std::filesystem::path kSource = ECOLOBBY_SOURCE_DIR;

inline const FactorSet& factors() {
  static FactorSet f = FactorSet::load(kSource / "content/factors/cn-2023.toml");
  return f;
}

inline const Plan& plan() {
  static Plan p = load_plan(kSource / "content/targets/dianjiang-2025.toml");
  return p;
}

inline int64_t at(const std::string& iso) {
  return unix_seconds(parse_iso8601(iso)->utc);
}

}  // namespace eco::data::testing_support
