#pragma once
// When a screen next asks latest.json. Screens on one update URL must not all ask in the same
// second: each wait is interval_s ± 20 %, drawn from a sequence seeded by the screen's kiosk_id
// (a screen always draws the same sequence, two screens draw different ones). After failed
// checks the wait doubles with each failure, up to 8 × interval_s but not over an hour (unless
// interval_s itself is longer), with the same ± 20 %.
#include <chrono>
#include <cstdint>
#include <string_view>

namespace eco::update {

constexpr double kPollJitter = 0.2;
constexpr int kMaxBackoffDoublings = 3;
constexpr std::chrono::seconds kBackoffCap{3600};

uint64_t poll_seed(std::string_view kiosk_id);

// The wait before the next check. `poll`: how many checks this screen made before (0 after the
// first); `failures`: how many checks in a row failed just now (0 when the last one went well).
std::chrono::milliseconds poll_delay(std::chrono::seconds interval, uint64_t seed, uint64_t poll, int failures);

}  // namespace eco::update
