// A request head as a stranger on the network sends it, through judge_request (the only code of
// the status endpoint that reads request bytes). Besides crashes, a finding is any request that
// is routed without carrying "Bearer <the token>", or an error without a fixed message.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "fuzz_support.h"
#include "status/request_head.h"

namespace {
const std::string kToken = "fuzz-token-0123456789abcdef";
}

extern "C" int LLVMFuzzerInitialize(int*, char***) { return eco::fuzz::start_quietly(); }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view head = eco::fuzz::as_text(data, size);
  eco::status::RequestVerdict v = eco::status::judge_request(head, kToken);
  if (v.status == 0 && head.find(kToken) == std::string_view::npos) {
    std::fprintf(stderr, "FINDING: a request without the token was routed\n");
    std::abort();
  }
  if (v.status != 0 && (v.message == nullptr || *v.message == '\0')) {
    std::fprintf(stderr, "FINDING: error %d without a message\n", v.status);
    std::abort();
  }
  if (v.status == 0 && v.route == eco::status::Route::None) {
    std::fprintf(stderr, "FINDING: routed nowhere without an error\n");
    std::abort();
  }
  return 0;
}
