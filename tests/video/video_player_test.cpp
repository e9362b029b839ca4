// The player with real clips made by ffmpeg: it opens them, shows the frame asked for on a
// virtual clock, plays on its own threads, and names what is wrong with a bad file.
#include "video/video_player.h"

#include <SDL.h>

#include <chrono>
#include <cstdlib>
#include <thread>

#include <gtest/gtest.h>

#include "../common/test_clips.h"
#include "video/video_probe.h"

using namespace eco;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

const eco::testing::Clips& clips() {
  static eco::testing::Clips c = eco::testing::make_clips(fs::temp_directory_path() / ("ecolobby-video-" + std::to_string(::getpid())));
  return c;
}

// A software renderer drawing into memory: what the headless kiosk has.
struct Canvas {
  Canvas(int w, int h) {
    surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_RGB888);
    renderer = SDL_CreateSoftwareRenderer(surface);
  }
  ~Canvas() {
    SDL_DestroyRenderer(renderer);
    SDL_FreeSurface(surface);
  }
  // Draws the player's picture over the whole canvas; false if it had none.
  bool draw(VideoPlayer& p) {
    Vec2 size;
    auto* tex = static_cast<SDL_Texture*>(p.texture(renderer, size));
    if (!tex) return false;
    SDL_SetRenderDrawColor(renderer, 0, 0, 0, 255);
    SDL_RenderClear(renderer);
    SDL_RenderCopy(renderer, tex, nullptr, nullptr);
    return true;
  }
  SDL_Color at(int x, int y) const {
    uint32_t v = static_cast<const uint32_t*>(surface->pixels)[y * surface->pitch / 4 + x];
    return {uint8_t(v >> 16), uint8_t(v >> 8), uint8_t(v), 255};
  }
  SDL_Surface* surface = nullptr;
  SDL_Renderer* renderer = nullptr;
};

int distance(SDL_Color c, const unsigned char* rgb) {
  return std::abs(c.r - rgb[0]) + std::abs(c.g - rgb[1]) + std::abs(c.b - rgb[2]);
}

// Which of ffmpeg's frames `a` and `b` the canvas shows, judged on the pixels where they differ
// (the frame counter, the moving parts): 0 for a, 1 for b, -1 undecided.
int closer_to(const Canvas& canvas, const std::vector<unsigned char>& a, const std::vector<unsigned char>& b, int w, int h) {
  int64_t da = 0, db = 0, n = 0;
  for (int y = 0; y < h; y += 2)
    for (int x = 0; x < w; x += 2) {
      size_t i = (size_t(y) * w + x) * 3;
      if (std::abs(a[i] - b[i]) + std::abs(a[i + 1] - b[i + 1]) + std::abs(a[i + 2] - b[i + 2]) < 90) continue;
      SDL_Color c = canvas.at(x, y);
      da += distance(c, &a[i]);
      db += distance(c, &b[i]);
      ++n;
    }
  if (n < 50) return -1;
  if (da * 2 < db) return 0;
  if (db * 2 < da) return 1;
  return -1;
}

VideoOptions follow(const fs::path& file) {
  VideoOptions o;
  o.file = file.string();
  o.follow_clock = true;
  return o;
}

}  // namespace

TEST(VideoPlayer, OpensA1080pH264ClipPausedOnItsFirstFrame) {
  VideoPlayer p(follow(clips().h264_1080p));
  ASSERT_EQ(p.wait_loaded(20s), VideoPlayer::State::Ready) << p.info().error;
  VideoInfo info = p.info();
  EXPECT_EQ(info.width, 1920);
  EXPECT_EQ(info.height, 1080);
  EXPECT_EQ(info.codec, "h264");
  EXPECT_NEAR(info.duration_s, 3.0, 0.1);
  EXPECT_NEAR(info.fps, 30.0, 0.1);
  Canvas canvas(1920, 1080);
  ASSERT_TRUE(canvas.draw(p));
  auto f0 = eco::testing::ffmpeg_frame(clips().h264_1080p, 0, 1920, 1080);
  auto f20 = eco::testing::ffmpeg_frame(clips().h264_1080p, 20, 1920, 1080);
  ASSERT_EQ(f0.size(), 1920u * 1080 * 3);
  EXPECT_EQ(closer_to(canvas, f0, f20, 1920, 1080), 0);
}

TEST(VideoPlayer, ShowAtATimeShowsThatFrameAsFfmpegDecodesIt) {
  VideoPlayer p(follow(clips().h264_1080p));
  ASSERT_EQ(p.wait_loaded(20s), VideoPlayer::State::Ready) << p.info().error;
  Canvas canvas(1920, 1080);
  for (int frame : {45, 46, 12, 80}) {
    ASSERT_TRUE(p.show_at((frame + 0.5) / 30.0)) << frame;
    ASSERT_TRUE(canvas.draw(p));
    auto want = eco::testing::ffmpeg_frame(clips().h264_1080p, frame, 1920, 1080);
    auto next = eco::testing::ffmpeg_frame(clips().h264_1080p, frame + 1, 1920, 1080);
    auto prev = eco::testing::ffmpeg_frame(clips().h264_1080p, frame - 1, 1920, 1080);
    EXPECT_EQ(closer_to(canvas, want, next, 1920, 1080), 0) << "frame " << frame;
    EXPECT_EQ(closer_to(canvas, want, prev, 1920, 1080), 0) << "frame " << frame;
  }
}

TEST(VideoPlayer, PlaysInRealTimeOnItsOwnThreadsAndHoldsTheLastFrame) {
  VideoOptions o;
  o.file = clips().vp9.string();
  std::atomic<int> wakes{0};
  o.on_frame = [&] { ++wakes; };
  VideoPlayer p(o);
  ASSERT_EQ(p.wait_loaded(20s), VideoPlayer::State::Ready) << p.info().error;
  EXPECT_EQ(p.info().codec, "vp9");
  uint64_t first = p.frames_rendered();
  p.play();
  // Wait for the end (2 s of video), however long a loaded machine takes.
  for (int i = 0; i < 300 && !p.ended(); ++i) std::this_thread::sleep_for(50ms);
  EXPECT_TRUE(p.ended());
  EXPECT_GT(p.frames_rendered(), first + 10);
  EXPECT_GT(wakes.load(), 10);
  Canvas canvas(320, 240);
  EXPECT_TRUE(canvas.draw(p));  // the last frame is still there
}

TEST(VideoPlayer, BadFilesFailWithOneLineSayingWhy) {
  struct Case {
    fs::path file;
    std::string reason;
  } cases[] = {{clips().dir / "missing.mp4", "file not found"},
               {clips().empty, "empty file"},
               {clips().corrupt, "unknown format"},
               {clips().truncated, ""}};
  for (const auto& c : cases) {
    VideoPlayer p(follow(c.file));
    EXPECT_EQ(p.wait_loaded(20s), VideoPlayer::State::Failed) << c.file;
    std::string error = p.info().error;
    EXPECT_FALSE(error.empty()) << c.file;
    EXPECT_EQ(error.find('\n'), std::string::npos) << error;
    if (!c.reason.empty()) {
      EXPECT_NE(error.find(c.reason), std::string::npos) << c.file << ": " << error;
    }
  }
}

TEST(VideoProbe, ReportsContainerCodecSizeAndDurationOrTheError) {
  VideoInfo good = probe_video(clips().h264_1080p.string());
  EXPECT_EQ(good.error, "");
  EXPECT_EQ(good.codec, "h264");
  EXPECT_EQ(good.container.substr(0, 3), "mov");
  EXPECT_EQ(good.width, 1920);
  EXPECT_NEAR(good.duration_s, 3.0, 0.1);
  EXPECT_FALSE(decode_load_warning(good, 2));
  VideoInfo bad = probe_video(clips().corrupt.string());
  EXPECT_NE(bad.error, "");
}

TEST(VideoProbe, WarnsAbout4kH265DecodedInSoftware) {
  VideoInfo info;
  info.codec = "hevc";
  info.width = 3840;
  info.height = 2160;
  info.fps = 30;
  info.hwdec = "no";
  auto w = decode_load_warning(info, 2);
  ASSERT_TRUE(w);
  EXPECT_NE(w->find("3840x2160 hevc"), std::string::npos) << *w;
  info.hwdec = "vaapi-copy";
  EXPECT_FALSE(decode_load_warning(info, 2));
}
