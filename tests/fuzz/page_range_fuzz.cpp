// The `pages` key of a PDF slot through parse_page_range (media/page_range.h): arbitrary text must
// not crash it, and a list it accepts holds only pages 1..kMaxPageNumber, at most kMaxPageList.
#include <cstdlib>
#include <string>

#include "fuzz_support.h"
#include "media/page_range.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string why;
  auto pages = eco::parse_page_range(eco::fuzz::as_text(data, size), why);
  if (!pages) {
    if (why.empty()) std::abort();
    return 0;
  }
  if (pages->empty() || pages->size() > eco::kMaxPageList) std::abort();
  for (int p : *pages)
    if (p < 1 || p > eco::kMaxPageNumber) std::abort();
  return 0;
}
