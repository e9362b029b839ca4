#pragma once
// What `ecolobby check` learns about a video before it goes on screen: opened by the same player
// code the screen uses (with vo=null, ao=null), up to its first decoded frame.
#include <chrono>
#include <optional>
#include <string>

#include "video/video_player.h"

namespace eco {

// Opens `path` and decodes its first frame; info.error says why it cannot play (one line).
VideoInfo probe_video(const std::string& path, std::chrono::milliseconds timeout = std::chrono::seconds(15));

// A warning when the video is more than this machine decodes smoothly in software (4K H.265 with
// no hardware decoder), else nullopt.
std::optional<std::string> decode_load_warning(const VideoInfo& info, unsigned cores);

}  // namespace eco
