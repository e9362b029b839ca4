#include "video/video_probe.h"

#include <fmt/format.h>

namespace eco {

VideoInfo probe_video(const std::string& path, std::chrono::milliseconds timeout) {
  VideoOptions o;
  o.file = path;
  o.probe = true;
  VideoPlayer player(o);
  VideoPlayer::State s = player.wait_loaded(timeout);
  VideoInfo info = player.info();
  if (s == VideoPlayer::State::Loading && info.error.empty())
    info.error = fmt::format("no frame decoded within {} s", timeout.count() / 1000);
  return info;
}

std::optional<std::string> decode_load_warning(const VideoInfo& info, unsigned cores) {
  if (!info.error.empty() || info.width <= 0 || info.height <= 0) return std::nullopt;
  if (!info.hwdec.empty() && info.hwdec != "no") return std::nullopt;
  // Rough software decoding cost relative to H.264 (libavcodec on a small x86 or ARM core).
  double cost = info.codec == "hevc" ? 1.8 : info.codec == "vp9" ? 1.5 : info.codec == "av1" ? 2.2 : 1.0;
  double fps = info.fps > 1 ? info.fps : 30;
  double load = double(info.width) * info.height * fps * cost / (1920.0 * 1080 * 30);  // 1 = 1080p30 H.264
  // A 2-core lobby PC decodes 1080p30 H.264 comfortably in software, 4K or 1080p60 H.265 not.
  double budget = std::max(1u, cores) * 1.25;
  if (load <= budget) return std::nullopt;
  return fmt::format("{}x{} {} at {:.0f} fps needs about {:.1f}× the software decoding this {}-core machine does "
                     "smoothly, and no hardware decoder took it: re-encode to 1080p H.264 (docs/content.md)",
                     info.width, info.height, info.codec, fps, load / budget, cores);
}

}  // namespace eco
