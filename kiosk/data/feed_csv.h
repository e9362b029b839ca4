#pragma once
// Reads the monthly entries small institutions type into a spreadsheet, as CSV (UTF-8, with or
// without BOM): a header naming the columns building, month, energy, quantity, unit and, for
// buildings the JSON feed does not describe, optionally name, type, area_m2, occupants.
// Each row becomes one interval reading spanning that month in the building's local time.
#include <string_view>

#include "data/factors.h"
#include "data/feed.h"

namespace eco::data {

Feed parse_monthly_csv(std::string_view body, const std::string& source, const FactorSet& factors,
                       int utc_offset_minutes = 480);

}  // namespace eco::data
