// content/schedule.toml through parse_schedule (what load_schedule does after reading the
// bundled campaigns.toml beside it), then the rotation's slot choice at a few moments of the
// bundled campaign week. ConfigError is the only expected error.
#include "base/iso8601.h"
#include "fuzz_support.h"
#include "scene/campaigns.h"
#include "scene/schedule.h"

namespace {
const eco::CampaignCalendar& calendar() {
  static const eco::CampaignCalendar c = eco::load_campaigns(eco::fuzz::kSourceDir / "content/campaigns.toml");
  return c;
}
}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) { return eco::fuzz::start_quietly(calendar); }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text = eco::fuzz::as_text(data, size);
  auto schedule = eco::fuzz::parsed_or_refused<eco::ConfigError>([&] { return eco::parse_schedule(text, "schedule.toml", calendar()); });
  if (!schedule) return 0;
  static const char* kMoments[] = {"2025-06-24T10:00:00+08:00", "2025-06-25T12:30:00+08:00", "2026-01-01T00:00:00+08:00",
                                   "2025-06-29T23:59:59+08:00"};
  for (const char* m : kMoments) {
    auto t = eco::parse_iso8601(m);
    eco::LocalTime now = eco::to_local(t->utc, t->offset_minutes);
    auto chosen = eco::select_slots(*schedule, now, [](size_t i) { return i % 3 != 2; });
    for (size_t i : chosen)
      if (i >= schedule->slots.size()) std::abort();
  }
  return 0;
}
