// Monthly CSV bodies (what small institutions type into a spreadsheet) through the data worker's
// entry point parse_feed, then figures and their JSON. FeedError is the only expected error.
// (A body starting with '{' or '[' goes to the JSON reader, as in the kiosk.)
#include "feed_fuzz.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) { return eco::fuzz::start_quietly(); }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) { return eco::fuzz::run_feed(data, size); }
