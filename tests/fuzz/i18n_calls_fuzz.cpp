// Plugin sources through find_i18n_calls, the lexer `ecolobby check` runs over every main.lua
// (lua/i18n_calls.h): arbitrary text must not crash it or read past the source, and what it
// reports must be inside the source (a key is text of it, lines within its line count).
#include <algorithm>
#include <cstdlib>
#include <string_view>

#include "fuzz_support.h"
#include "lua/i18n_calls.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view source = eco::fuzz::as_text(data, size);
  const int lines = 1 + static_cast<int>(std::count(source.begin(), source.end(), '\n'));
  for (const auto& call : eco::lua::find_i18n_calls(source)) {
    if (call.line < 1 || call.line > lines) std::abort();
    if (call.key.size() > size) std::abort();
  }
  return 0;
}
