// content/campaigns.toml through parse_campaigns (what load_campaigns does with the file), then
// the calendar as the screen uses it: which campaign dresses a day, and the bundled
// schedule.toml read against this calendar (slots name campaigns). ConfigError is the only
// expected error.
#include "base/toml_reader.h"
#include "fuzz_support.h"
#include "scene/campaigns.h"
#include "scene/schedule.h"

namespace {
const std::string& bundled_schedule() {
  static const std::string s = eco::read_text_file((eco::fuzz::kSourceDir / "content/schedule.toml").string());
  return s;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) { return eco::fuzz::start_quietly(bundled_schedule); }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = eco::fuzz::as_text(data, size);
  auto calendar = eco::fuzz::parsed_or_refused<eco::ConfigError>([&] { return eco::parse_campaigns(text, "campaigns.toml"); });
  if (!calendar) return 0;
  (void)calendar->ids();
  for (int64_t day : {20263, 20264, 20265, 20454, 0, -1, 2932896})  // around 2025-06-24, 1970, 9999-12-31
    (void)calendar->running(day);
  // The bundled schedule may name a campaign this calendar lacks: a documented refusal.
  (void)eco::fuzz::parsed_or_refused<eco::ConfigError>(
      [&] { return eco::parse_schedule(bundled_schedule(), "schedule.toml", *calendar); });
  return 0;
}
