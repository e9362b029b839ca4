#pragma once
// The plugin part of `ecolobby check`. Every installed plugin, one per id as the screen picks
// them (the content's plugins/ over the bundled ones, so a plugin in both is reported once): its
// manifest parses, main.lua compiles, its locale files cover its i18n.t calls. And every plugin
// slot of the schedule goes through the screen's own start-up (SceneSet with the plugin host's
// scene factory: plugin installed, an overlay or not, [slot.settings] against the manifest, the
// plugin loaded), so a slot the screen would skip is an error here, with the same message.
#include <filesystem>

#include "base/content_checks.h"

namespace eco::lua {

void register_plugin_checks();
// What the registered check runs, for one content directory.
void check_plugins(const Config& config, const std::filesystem::path& content_dir, CheckReport& report);

}  // namespace eco::lua
