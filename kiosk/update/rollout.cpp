#include "update/rollout.h"

#include <cstdint>

namespace eco::update {

int rollout_bucket(std::string_view kiosk_id) {
  // FNV-1a, salted so that the rollout share and the poll schedule (poll_seed) are independent.
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : std::string_view("rollout:")) h = (h ^ c) * 0x100000001b3ull;
  for (unsigned char c : kiosk_id) h = (h ^ c) * 0x100000001b3ull;
  h ^= h >> 33;  // FNV's low bits alone mix poorly for ids that differ in their last character
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return static_cast<int>(h % 100);
}

}  // namespace eco::update
