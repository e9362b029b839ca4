// content/quiz/*.toml question banks through check_question_bank, the validator `ecolobby check`
// and the install child run on every bank of a content bundle. It reports problems as strings
// and throws nothing: any exception escaping is a finding.
#include "fuzz_support.h"
#include "scene/question_bank_checks.h"

extern "C" int LLVMFuzzerInitialize(int*, char***) { return eco::fuzz::start_quietly(); }

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  auto path = eco::fuzz::write_scratch("energy-week.toml", data, size);
  for (const auto& problem : eco::check_question_bank(path)) eco::fuzz::require_utf8(problem, "question bank problem");
  return 0;
}
