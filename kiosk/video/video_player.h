#pragma once
// One video file played by libmpv through its software render API. mpv demuxes and decodes on its
// own threads; a thread of ours renders each new frame (the render API's update callback says
// when) into a memory buffer; the render thread only uploads the newest buffer into a streaming
// texture when there is a new one, so drawing never waits for the decoder.
//
// Two clocks: on a real display the video plays in real time. When following a virtual clock
// (headless runs, tests) it stays paused and each show_at() seeks exactly to the scene's time and
// waits for that frame, so a screenshot at a known time shows a known frame.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "render/painter.h"

struct mpv_handle;
struct mpv_render_context;

namespace eco {

struct VideoOptions {
  std::string file;
  bool loop = false;
  bool audio = false;  // muted (no audio decoded) unless asked
  int volume = 100;    // 0..100, with audio
  bool follow_clock = false;  // paused, seeked per frame (virtual clock)
  int max_width = 1920, max_height = 1080;  // frames are rendered no larger than needed
  bool probe = false;  // vo=null, ao=null: only open and decode the first frame (ecolobby check)
  std::string hwdec = "auto-copy-safe";
  std::function<void()> on_frame;  // called from our thread when a new frame is there (wake the loop)
};

// What opening a file found; `error` is one line (empty when it opened).
struct VideoInfo {
  std::string error;
  std::string container, codec, hwdec;  // hwdec: the decoder in use ("no" = software)
  int width = 0, height = 0;
  double duration_s = 0, fps = 0;
};

// How a played video went, for the log and the benchmark: frames mpv gave us, frames drawn, and
// frames lost on the way (mpv's decoder and output, or ours replaced by a newer one unseen).
struct VideoPlayCounts {
  uint64_t rendered = 0;         // new frames rendered into our buffers
  uint64_t shown = 0;            // of those, uploaded for drawing
  int64_t decoder_dropped = 0;   // mpv: decoder-frame-drop-count
  int64_t output_dropped = 0;    // mpv: frame-drop-count (frames too late for their time)
  uint64_t replaced_unseen() const { return rendered - std::min(rendered, shown); }
  uint64_t lost() const { return replaced_unseen() + uint64_t(decoder_dropped) + uint64_t(output_dropped); }
};

class VideoPlayer : public TextureSource {
 public:
  enum class State { Loading, Ready, Failed };

  // Starts opening the file paused at its start; never blocks on mpv.
  explicit VideoPlayer(VideoOptions options);
  ~VideoPlayer() override;
  VideoPlayer(const VideoPlayer&) = delete;
  VideoPlayer& operator=(const VideoPlayer&) = delete;

  // Ready once the file is open and its first frame is decoded and rendered.
  State state() const { return state_.load(); }
  // Waits up to `timeout` for the state to leave Loading (virtual clock and probes only).
  State wait_loaded(std::chrono::milliseconds timeout);
  VideoInfo info() const;
  bool ended() const { return eof_.load(); }  // played to its end (not looping): the last frame holds

  void play();                    // from where it is
  void pause();
  void restart();                 // back to the first frame, paused
  // Virtual clock: the frame at `seconds` (exact seek; waits for it, up to a timeout).
  bool show_at(double seconds);
  uint64_t frames_rendered() const { return serial_.load(); }
  VideoPlayCounts counts() const;  // never waits for mpv (the drop counts are observed)
  double frame_interval_s() const;  // 1/fps, or 1/30 when unknown

  // Render thread only: the newest frame in a texture of `renderer` (an SDL_Renderer*), nullptr
  // before the first. The texture is the player's; it is destroyed with it.
  void* texture(void* renderer, Vec2& size) override;

 private:
  void open();
  void event_loop();
  void render_loop();
  void fail(const std::string& reason);
  void set_frame_size(int w, int h);
  static void on_update(void* self);
  static void on_wakeup(void* self);

  VideoOptions options_;
  mpv_handle* mpv_ = nullptr;
  mpv_render_context* render_ = nullptr;
  std::thread events_thread_, render_thread_;

  mutable std::mutex mutex_;
  std::condition_variable cv_;  // render thread: update/size/stop; waiters: frames and states
  bool stop_ = false;
  bool update_pending_ = false;
  bool render_now_ = false;  // render the current frame even without an update flag (after a seek)
  VideoInfo info_;
  uint64_t restarts_ = 0;          // MPV_EVENT_PLAYBACK_RESTART seen
  uint64_t rendered_restarts_ = 0;  // restarts_ as it was when the last frame render began
  uint64_t real_frames_ = 0;        // renders of a frame mpv announced (not forced re-renders)
  bool frames_since_seek_ = false;  // show_at: a frame mpv announced came after the seek
  int frame_w_ = 0, frame_h_ = 0;   // the size frames are rendered at
  struct Buffer {
    std::unique_ptr<uint8_t, void (*)(void*)> pixels{nullptr, nullptr};
    int w = 0, h = 0;
    size_t stride = 0;
    uint64_t serial = 0;
  };
  Buffer back_, ready_, front_;  // ours rendering / newest finished / the one the texture has
  std::atomic<uint64_t> serial_{0};
  std::atomic<State> state_{State::Loading};
  std::atomic<bool> eof_{false};
  std::atomic<int64_t> decoder_dropped_{0}, output_dropped_{0};
  std::atomic<uint64_t> shown_{0};  // new frames uploaded by texture()
  bool loaded_ = false;  // FILE_LOADED seen
  double shown_at_ = -1;  // show_at's last position

  // Render thread (the kiosk's).
  void* texture_ = nullptr;  // SDL_Texture*
  void* texture_renderer_ = nullptr;
  int texture_w_ = 0, texture_h_ = 0;
  uint64_t texture_serial_ = 0;
};

const char* video_state_name(VideoPlayer::State s);

}  // namespace eco
