// latest.json through parse_latest (what a screen's poller reads from a server or a USB stick,
// and what `bundle publish` reads back before replacing it), then a round trip: what parsed must
// print (format_latest) to text that parses to the same announcement. BundleError is the only
// expected error.
#include "fuzz_support.h"
#include "update/bundle_error.h"
#include "update/latest_info.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) { return eco::fuzz::start_quietly(); }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(eco::fuzz::as_text(data, size));
  eco::update::LatestInfo info;
  try {
    info = eco::update::parse_latest(text, "latest.json");
  } catch (const eco::update::BundleError&) {
    return 0;
  }
  eco::update::LatestInfo again;
  try {
    again = eco::update::parse_latest(eco::update::format_latest(info), "latest.json (printed)");
  } catch (const eco::update::BundleError& e) {
    std::fprintf(stderr, "FINDING: a parsed latest.json printed to text that does not parse: %s\n", e.what());
    std::abort();
  }
  if (again.version != info.version || again.url != info.url || again.sha256 != info.sha256 || again.size != info.size ||
      again.created != info.created || again.rollout_percent != info.rollout_percent) {
    std::fprintf(stderr, "FINDING: the round trip changed the announcement\n");
    std::abort();
  }
  return 0;
}
