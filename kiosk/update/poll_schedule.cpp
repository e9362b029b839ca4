#include "update/poll_schedule.h"

#include <algorithm>

namespace eco::update {

uint64_t poll_seed(std::string_view kiosk_id) {
  // FNV-1a: the same id gives the same seed on every build and machine (std::hash need not).
  uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : kiosk_id) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

namespace {
// splitmix64: one well-mixed value per (seed, poll), no state to carry.
uint64_t mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}
}  // namespace

std::chrono::milliseconds poll_delay(std::chrono::seconds interval, uint64_t seed, uint64_t poll, int failures) {
  using std::chrono::milliseconds;
  milliseconds base = interval;
  if (failures > 0) {
    milliseconds cap = std::max<milliseconds>(interval, kBackoffCap);
    base = std::min<milliseconds>(interval * (int64_t{1} << std::min(failures, kMaxBackoffDoublings)), cap);
  }
  double unit = static_cast<double>(mix(seed ^ mix(poll)) >> 11) * 0x1.0p-53;  // [0, 1)
  double factor = 1.0 + kPollJitter * (2.0 * unit - 1.0);
  return milliseconds(static_cast<int64_t>(static_cast<double>(base.count()) * factor));
}

}  // namespace eco::update
