#pragma once
// The locale part of `ecolobby check` for one plugin: its locale/*.toml files parse, hold the same
// keys with the same {placeholders}, every literal i18n.t("key") of its Lua files is in each of
// them, and a call's literal argument table gives every placeholder the key's text has. Each
// problem is one line naming the file and line of the offending key.
#include "base/content_checks.h"
#include "lua/manifest.h"

namespace eco::lua {

void check_plugin_locales(const Manifest& m, CheckReport& report);

}  // namespace eco::lua
