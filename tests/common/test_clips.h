#pragma once
// Video clips made by ffmpeg for the tests that play them, and ffmpeg's own decoding of a frame
// to compare a player's picture against.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "command_output.h"

namespace eco::testing {

struct Clips {
  std::filesystem::path dir;
  std::filesystem::path h264_1080p, vp9, truncated, empty, corrupt;
};

inline bool ffmpeg(const std::string& args) {
  return run_command("ffmpeg -nostdin -hide_banner -loglevel error -y " + args + " 2>&1").code == 0;
}

// A 1080p30 H.264 testsrc (its frame counter shows which frame is on screen), a small VP9 WebM,
// a truncated copy of an MP4 whose index is at its end, an empty file and one of random bytes.
inline Clips make_clips(const std::filesystem::path& dir) {
  Clips c;
  c.dir = dir;
  std::filesystem::create_directories(dir);
  c.h264_1080p = dir / "testsrc-1080p.mp4";
  c.vp9 = dir / "small.webm";
  c.truncated = dir / "truncated.mp4";
  c.empty = dir / "empty.mp4";
  c.corrupt = dir / "corrupt.mp4";
  if (!std::filesystem::exists(c.h264_1080p))
    // testsrc's own counter shows seconds: the frame number is drawn large, white on black.
    ffmpeg("-f lavfi -i testsrc=size=1920x1080:rate=30:duration=3 -vf \"drawtext=text='%{frame_num}':fontsize=240:"
           "fontcolor=white:box=1:boxcolor=black:x=80:y=700\" -c:v libx264 -preset ultrafast -pix_fmt yuv420p "
           "-profile:v high -movflags +faststart " + c.h264_1080p.string());
  if (!std::filesystem::exists(c.vp9))
    ffmpeg("-f lavfi -i testsrc=size=320x240:rate=25:duration=2 -c:v libvpx-vp9 -deadline realtime -cpu-used 8 -b:v 200k " +
           c.vp9.string());
  if (!std::filesystem::exists(c.truncated)) {
    std::filesystem::path whole = dir / "whole.mp4";  // no +faststart: the index (moov) comes last
    ffmpeg("-f lavfi -i testsrc=size=320x240:rate=30:duration=2 -c:v libx264 -preset ultrafast -pix_fmt yuv420p " + whole.string());
    std::ifstream in(whole, std::ios::binary);
    std::vector<char> bytes((std::istreambuf_iterator<char>(in)), {});
    std::ofstream(c.truncated, std::ios::binary).write(bytes.data(), std::streamsize(bytes.size() / 2));
  }
  std::ofstream(c.empty, std::ios::binary).flush();
  {
    std::ofstream out(c.corrupt, std::ios::binary);
    uint32_t x = 2463534242u;  // xorshift: the same bytes every run
    for (int i = 0; i < 64 * 1024; ++i) {
      x ^= x << 13; x ^= x >> 17; x ^= x << 5;
      out.put(char(x & 0xff));
    }
  }
  return c;
}

// Frame `index` of `clip` as ffmpeg decodes it, RGB24 at w×h.
inline std::vector<unsigned char> ffmpeg_frame(const std::filesystem::path& clip, int index, int w, int h) {
  std::filesystem::path out = clip.parent_path() / ("frame-" + std::to_string(index) + ".rgb");
  ffmpeg("-i " + clip.string() + " -vf \"select=eq(n\\," + std::to_string(index) + "),scale=" + std::to_string(w) + ":" +
         std::to_string(h) + "\" -frames:v 1 -f rawvideo -pix_fmt rgb24 " + out.string());
  std::ifstream in(out, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace eco::testing
