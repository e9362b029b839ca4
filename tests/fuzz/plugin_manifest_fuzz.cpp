// plugins/<id>/plugin.toml through load_manifest (what the plugin catalog calls for each plugin
// folder), then the settings a schedule slot without overrides would pass the plugin, and an
// asset lookup. ConfigError is the only expected error.
#include "fuzz_support.h"
#include "lua/manifest.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) { return eco::fuzz::start_quietly(); }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The folder name is what a plugin's id must match; the scratch folder is named like a plugin.
  static const std::filesystem::path dir = [] {
    auto d = eco::fuzz::scratch_dir() / "example_campaign";
    std::filesystem::create_directories(d);
    return d;
  }();
  eco::fuzz::write_scratch("example_campaign/plugin.toml", data, size);
  try {
    eco::lua::Manifest m = eco::lua::load_manifest(dir);
    (void)m.display_name("zh-CN");
    (void)m.display_name("en");
    (void)eco::lua::resolve_settings(m, nullptr, "schedule.toml:1").dump();
    (void)eco::lua::resolve_asset(m, "images/a.png");
  } catch (const eco::ConfigError&) {
  }
  return 0;
}
