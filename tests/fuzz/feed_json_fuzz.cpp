// ecolobby-feed/1 JSON bodies through the data worker's entry point (parse_feed picks JSON for a
// body starting with '{' or '['), then figures and their JSON. FeedError is the only expected error.
#include "feed_fuzz.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) { return eco::fuzz::start_quietly(); }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { return eco::fuzz::run_feed(data, size); }
