// The first bytes of a poster through probe_image_header (render/image_header.h), which reads
// PNG, JPEG, WebP, GIF and BMP headers before anything is decoded: arbitrary bytes must not
// crash it or read past them, and a size it reports is positive.
#include <cstdlib>
#include <string_view>

#include "fuzz_support.h"
#include "render/image_header.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto header = eco::probe_image_header(eco::fuzz::as_text(data, size));
  if (header && (header->width <= 0 || header->height <= 0)) std::abort();
  return 0;
}
