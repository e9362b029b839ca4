// ecolobby.toml through the reader the program uses (parse_config: what load_config does with the
// file's text), then the sections other concerns read from the same document at start-up:
// [data] (load_data_config), [updates] (load_update_config) and [status] (load_status_config).
// ConfigError is the only expected error. (Token files named by [data] and [status] are read
// from disk; scripts/fuzz.sh runs the fuzzer with stdin from /dev/null.)
#include "base/config.h"
#include "data/data_config.h"
#include "fuzz_support.h"
#include "status/status_config.h"
#include "update/update_config.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) { return eco::fuzz::start_quietly(); }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = eco::fuzz::as_text(data, size);
  try {
    eco::Config config = eco::parse_config(text, "/etc/ecolobby/ecolobby.toml");
    for (const auto& w : config.warnings) eco::fuzz::require_utf8(w, "config warning");
    (void)eco::data::load_data_config(config);
    (void)eco::update::load_update_config(config);
    (void)eco::status::load_status_config(config);
  } catch (const eco::ConfigError&) {
  }
  return 0;
}
