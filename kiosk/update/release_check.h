#pragma once
// The check a release must pass before it goes live: the `ecolobby check` validators
// (base/content_checks.h), as ReleaseStore::apply runs them on an extracted release.
#include "base/config.h"
#include "update/release_store.h"

namespace eco::update {

// The registered content validators over a release directory, for `config`. Errors every
// content gets with this configuration (an empty folder too) are the screen's, not the
// bundle's: they throw ConfigError instead of refusing the bundle.
ContentCheck content_check_for(const Config& config);

}  // namespace eco::update
