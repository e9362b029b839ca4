#pragma once
// Staged rollout: latest.json's `rollout_percent` offers a bundle to that share of the screens
// first. Which screens: those whose bucket (0–99, a hash of kiosk_id) is below the percentage,
// so the pilot share is the same screens every time and raising the percentage only adds screens.
#include <string_view>

namespace eco::update {

int rollout_bucket(std::string_view kiosk_id);
inline bool in_rollout(int bucket, int percent) { return bucket < percent; }

}  // namespace eco::update
