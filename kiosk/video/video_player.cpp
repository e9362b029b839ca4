#include "video/video_player.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>

#include <SDL.h>
#include <fmt/format.h>
#include <mpv/client.h>
#include <mpv/render.h>

namespace eco {
namespace {

constexpr uint64_t kObserveEof = 1, kObserveSize = 2, kObserveDecoderDrops = 3, kObserveOutputDrops = 4;
constexpr auto kShowTimeout = std::chrono::seconds(5);

std::string get_string(mpv_handle* mpv, const char* name) {
  char* s = mpv_get_property_string(mpv, name);
  std::string out = s ? s : "";
  mpv_free(s);
  return out;
}
int64_t get_int(mpv_handle* mpv, const char* name) {
  int64_t v = 0;
  return mpv_get_property(mpv, name, MPV_FORMAT_INT64, &v) >= 0 ? v : 0;
}
double get_double(mpv_handle* mpv, const char* name) {
  double v = 0;
  return mpv_get_property(mpv, name, MPV_FORMAT_DOUBLE, &v) >= 0 ? v : 0;
}

// The file as the operating system sees it: mpv's own message for a missing or empty file is
// "loading failed", which tells an officer nothing.
std::string file_problem(const std::string& path) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) return "file not found";
  if (!std::filesystem::is_regular_file(status)) return "not a regular file";
  if (std::filesystem::file_size(path, ec) == 0) return "empty file (0 bytes)";
  return {};
}

}  // namespace

const char* video_state_name(VideoPlayer::State s) {
  return s == VideoPlayer::State::Loading ? "loading" : s == VideoPlayer::State::Ready ? "ready" : "failed";
}

VideoPlayer::VideoPlayer(VideoOptions options) : options_(std::move(options)) {
  if (std::string problem = file_problem(options_.file); !problem.empty()) {
    fail(problem);
    return;
  }
  open();
}

void VideoPlayer::open() {
  mpv_ = mpv_create();
  if (!mpv_) return fail("libmpv could not be started");
  auto opt = [this](const char* name, const std::string& value) { mpv_set_option_string(mpv_, name, value.c_str()); };
  // A kiosk's player: no configuration files, scripts, keys, on-screen display or terminal output.
  opt("config", "no");
  opt("terminal", "no");
  opt("input-default-bindings", "no");
  opt("input-vo-keyboard", "no");
  opt("osc", "no");
  opt("load-scripts", "no");
  opt("ytdl", "no");
  opt("osd-level", "0");
  opt("sub-auto", "no");
  opt("sid", "no");
  opt("audio-display", "no");
  opt("idle", "yes");
  opt("pause", "yes");  // loaded paused: the first frame waits for the slot's turn
  opt("keep-open", "always");  // the last frame stays when a video plays once
  opt("hr-seek", "yes");
  opt("hr-seek-framedrop", "no");
  // The frames end in memory (software render API), so hardware decoders that copy back are the ones usable.
  opt("hwdec", options_.probe ? "no" : options_.hwdec);
  opt("loop-file", options_.loop && !options_.follow_clock ? "inf" : "no");
  bool audio = options_.audio && !options_.probe && !options_.follow_clock;
  opt("aid", audio ? "auto" : "no");
  if (!audio) opt("ao", "null");
  opt("volume", std::to_string(std::clamp(options_.volume, 0, 100)));
  opt("vo", options_.probe ? "null" : "libmpv");
  opt("sw-fast", "yes");
  // A lobby plays local files: a small read-ahead instead of mpv's 150 MiB default.
  opt("cache", "no");
  opt("demuxer-max-bytes", "32MiB");
  opt("demuxer-max-back-bytes", "0");
  if (mpv_initialize(mpv_) < 0) return fail("libmpv could not be initialised");
  mpv_request_log_messages(mpv_, "error");
  mpv_observe_property(mpv_, kObserveEof, "eof-reached", MPV_FORMAT_FLAG);
  mpv_observe_property(mpv_, kObserveSize, "dwidth", MPV_FORMAT_INT64);
  mpv_observe_property(mpv_, kObserveSize, "dheight", MPV_FORMAT_INT64);
  mpv_observe_property(mpv_, kObserveDecoderDrops, "decoder-frame-drop-count", MPV_FORMAT_INT64);
  mpv_observe_property(mpv_, kObserveOutputDrops, "frame-drop-count", MPV_FORMAT_INT64);
  if (!options_.probe) {
    const char* sw = MPV_RENDER_API_TYPE_SW;
    mpv_render_param params[] = {{MPV_RENDER_PARAM_API_TYPE, const_cast<char*>(sw)}, {MPV_RENDER_PARAM_INVALID, nullptr}};
    if (mpv_render_context_create(&render_, mpv_, params) < 0) return fail("libmpv's software renderer is unavailable");
    mpv_render_context_set_update_callback(render_, &VideoPlayer::on_update, this);
    render_thread_ = std::thread([this] { render_loop(); });
  }
  events_thread_ = std::thread([this] { event_loop(); });
  const char* cmd[] = {"loadfile", options_.file.c_str(), nullptr};
  mpv_command_async(mpv_, 0, cmd);
}

VideoPlayer::~VideoPlayer() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  cv_.notify_all();
  if (render_thread_.joinable()) render_thread_.join();
  if (render_) mpv_render_context_free(render_);
  if (mpv_) mpv_wakeup(mpv_);
  if (events_thread_.joinable()) events_thread_.join();
  if (mpv_) mpv_terminate_destroy(mpv_);
  if (texture_) SDL_DestroyTexture(static_cast<SDL_Texture*>(texture_));
}

void VideoPlayer::fail(const std::string& reason) {
  {
    std::lock_guard lock(mutex_);
    if (info_.error.empty()) info_.error = reason;
    state_ = State::Failed;
  }
  cv_.notify_all();
}

void VideoPlayer::on_update(void* self) {
  auto* p = static_cast<VideoPlayer*>(self);
  {
    std::lock_guard lock(p->mutex_);
    p->update_pending_ = true;
  }
  p->cv_.notify_all();
}

void VideoPlayer::on_wakeup(void*) {}

void VideoPlayer::set_frame_size(int w, int h) {
  if (w <= 0 || h <= 0) return;
  double scale = std::min({1.0, double(options_.max_width) / w, double(options_.max_height) / h});
  int fw = std::max(2, int(std::lround(w * scale))), fh = std::max(2, int(std::lround(h * scale)));
  {
    std::lock_guard lock(mutex_);
    info_.width = w;
    info_.height = h;
    if (fw == frame_w_ && fh == frame_h_) return;
    frame_w_ = fw;
    frame_h_ = fh;
    render_now_ = true;  // a frame that came before the size was known
  }
  cv_.notify_all();
}

void VideoPlayer::event_loop() {
  std::string last_error;
  for (;;) {
    mpv_event* e = mpv_wait_event(mpv_, -1);
    {
      std::lock_guard lock(mutex_);
      if (stop_) return;
    }
    switch (e->event_id) {
      case MPV_EVENT_SHUTDOWN:
        return;
      case MPV_EVENT_LOG_MESSAGE: {
        auto* m = static_cast<mpv_event_log_message*>(e->data);
        std::string text = m->text ? m->text : "";
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        if (!text.empty()) last_error = text;
        break;
      }
      case MPV_EVENT_FILE_LOADED: {
        // Asked before taking mutex_: a property read waits for mpv's core, which may be waiting
        // for its video thread, which waits for mutex_ in on_update() (a deadlock seen under ASan).
        std::string codec = get_string(mpv_, "video-format");
        std::string container = get_string(mpv_, "file-format");
        double duration = get_double(mpv_, "duration"), fps = get_double(mpv_, "container-fps");
        {
          std::lock_guard lock(mutex_);
          loaded_ = true;
          info_.container = container;
          info_.codec = codec;
          info_.duration_s = duration;
          info_.fps = fps;
        }
        if (codec.empty()) fail("no video stream in the file");
        break;
      }
      case MPV_EVENT_VIDEO_RECONFIG: {
        set_frame_size(int(get_int(mpv_, "dwidth")), int(get_int(mpv_, "dheight")));
        std::string hw = get_string(mpv_, "hwdec-current");
        std::lock_guard lock(mutex_);
        info_.hwdec = hw.empty() ? "no" : hw;
        break;
      }
      case MPV_EVENT_PROPERTY_CHANGE: {
        auto* p = static_cast<mpv_event_property*>(e->data);
        if (e->reply_userdata == kObserveEof && p->format == MPV_FORMAT_FLAG) eof_ = *static_cast<int*>(p->data) != 0;
        if (e->reply_userdata == kObserveSize && p->format == MPV_FORMAT_INT64)
          set_frame_size(int(get_int(mpv_, "dwidth")), int(get_int(mpv_, "dheight")));
        if (e->reply_userdata == kObserveDecoderDrops && p->format == MPV_FORMAT_INT64) decoder_dropped_ = *static_cast<int64_t*>(p->data);
        if (e->reply_userdata == kObserveOutputDrops && p->format == MPV_FORMAT_INT64) output_dropped_ = *static_cast<int64_t*>(p->data);
        break;
      }
      case MPV_EVENT_PLAYBACK_RESTART: {
        bool frame_size_known;
        {
          std::lock_guard lock(mutex_);
          ++restarts_;
          render_now_ = true;
          frame_size_known = info_.width > 0;
        }
        cv_.notify_all();
        // With vo=null, the first restart means the first frame was decoded: the file plays.
        if (options_.probe && state_ == State::Loading) {
          if (!frame_size_known) fail("no video frame could be decoded" + (last_error.empty() ? "" : ": " + last_error));
          else state_ = State::Ready;
          cv_.notify_all();
        }
        break;
      }
      case MPV_EVENT_END_FILE: {
        auto* end = static_cast<mpv_event_end_file*>(e->data);
        if (end->reason == MPV_END_FILE_REASON_ERROR) {
          std::string why = last_error.empty() ? mpv_error_string(end->error) : last_error;
          if (end->error == MPV_ERROR_UNKNOWN_FORMAT) why = "not a video file mpv can read (unknown format)";
          else if (end->error == MPV_ERROR_NOTHING_TO_PLAY) why = "nothing to play: no video it can decode" + (last_error.empty() ? "" : " (" + last_error + ")");
          fail(why);
        } else if (state_ == State::Loading) {
          fail("the file ended before a frame was decoded");
        }
        break;
      }
      default:
        break;
    }
  }
}

void VideoPlayer::render_loop() {
  std::unique_lock lock(mutex_);
  for (;;) {
    cv_.wait(lock, [this] { return stop_ || update_pending_ || render_now_; });
    if (stop_) return;
    bool forced = render_now_;
    update_pending_ = render_now_ = false;
    uint64_t restarts = restarts_;
    int w = frame_w_, h = frame_h_;
    lock.unlock();
    bool new_frame = (mpv_render_context_update(render_) & MPV_RENDER_UPDATE_FRAME) != 0;
    if (w > 0 && h > 0 && (new_frame || forced)) {
      size_t stride = (size_t(w) * 4 + 63) / 64 * 64;
      if (!back_.pixels || back_.w != w || back_.h != h) {
        back_.pixels = {static_cast<uint8_t*>(std::aligned_alloc(64, stride * size_t(h))), std::free};
        back_.w = w;
        back_.h = h;
        back_.stride = stride;
      }
      int size[2] = {w, h};
      const char* format = "bgr0";  // B, G, R, pad in memory: SDL_PIXELFORMAT_RGB888 on little-endian
      mpv_render_param params[] = {{MPV_RENDER_PARAM_SW_SIZE, size},
                                   {MPV_RENDER_PARAM_SW_FORMAT, const_cast<char*>(format)},
                                   {MPV_RENDER_PARAM_SW_STRIDE, &stride},
                                   {MPV_RENDER_PARAM_SW_POINTER, back_.pixels.get()},
                                   {MPV_RENDER_PARAM_INVALID, nullptr}};
      bool ok = back_.pixels && mpv_render_context_render(render_, params) >= 0;
      lock.lock();
      // A forced render before any real frame would show mpv's empty (black) picture: not published.
      if (ok && (new_frame || real_frames_ > 0)) {
        if (new_frame) {
          ++real_frames_;
          frames_since_seek_ = true;
        }
        back_.serial = serial_.load() + 1;
        std::swap(back_, ready_);
        rendered_restarts_ = restarts;
        serial_ = ready_.serial;
        if (state_ == State::Loading && loaded_ && new_frame) state_ = State::Ready;
        lock.unlock();
        cv_.notify_all();
        if (options_.on_frame) options_.on_frame();
        lock.lock();
      }
    } else {
      lock.lock();
    }
  }
}

VideoPlayer::State VideoPlayer::wait_loaded(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  cv_.wait_for(lock, timeout, [this] { return state_ != State::Loading; });
  return state_;
}

VideoPlayCounts VideoPlayer::counts() const {
  VideoPlayCounts c;
  {
    std::lock_guard lock(mutex_);
    c.rendered = real_frames_;
  }
  c.shown = shown_.load();
  c.decoder_dropped = std::max<int64_t>(0, decoder_dropped_.load());
  c.output_dropped = std::max<int64_t>(0, output_dropped_.load());
  return c;
}

VideoInfo VideoPlayer::info() const {
  std::lock_guard lock(mutex_);
  return info_;
}

double VideoPlayer::frame_interval_s() const {
  std::lock_guard lock(mutex_);
  return info_.fps > 1 ? 1.0 / info_.fps : 1.0 / 30;
}

void VideoPlayer::play() {
  if (!mpv_ || state_ == State::Failed || options_.follow_clock) return;
  int no = 0;
  mpv_set_property_async(mpv_, 0, "pause", MPV_FORMAT_FLAG, &no);
}

void VideoPlayer::pause() {
  if (!mpv_ || state_ == State::Failed) return;
  int yes = 1;
  mpv_set_property_async(mpv_, 0, "pause", MPV_FORMAT_FLAG, &yes);
}

void VideoPlayer::restart() {
  if (!mpv_ || state_ == State::Failed) return;
  pause();
  const char* cmd[] = {"seek", "0", "absolute+exact", nullptr};
  mpv_command_async(mpv_, 0, cmd);
  shown_at_ = 0;
}

bool VideoPlayer::show_at(double seconds) {
  if (!mpv_ || state_ == State::Failed) return false;
  if (std::abs(seconds - shown_at_) < 1e-6) return true;
  uint64_t restarts_before;
  {
    std::lock_guard lock(mutex_);
    restarts_before = restarts_;
    frames_since_seek_ = false;
  }
  // mpv's exact seek shows the first frame at or after the target; the frame on screen at a
  // time is the last one that started before it, so aim at that frame's start (on the frame grid).
  double fps = info().fps;
  double target = fps > 1 ? std::floor(seconds * fps + 1e-6) / fps - 1e-4 : seconds;
  std::string at = fmt::format("{:.6f}", std::max(0.0, target));
  const char* cmd[] = {"seek", at.c_str(), "absolute+exact", nullptr};
  if (mpv_command(mpv_, cmd) < 0) return false;
  shown_at_ = seconds;
  // The frame at the new position: a real frame arrived since the seek, and the last render began
  // after mpv said the seek was done (whichever of the two mpv did first).
  std::unique_lock lock(mutex_);
  return cv_.wait_for(lock, kShowTimeout, [&] {
    return stop_ || state_ == State::Failed ||
           (restarts_ > restarts_before && rendered_restarts_ > restarts_before && frames_since_seek_);
  });
}

void* VideoPlayer::texture(void* renderer, Vec2& size) {
  {
    std::lock_guard lock(mutex_);
    if (ready_.serial > front_.serial) std::swap(ready_, front_);
  }
  if (front_.serial == 0 || !renderer) return texture_;
  auto* r = static_cast<SDL_Renderer*>(renderer);
  if (texture_ && (texture_renderer_ != renderer || texture_w_ != front_.w || texture_h_ != front_.h)) {
    SDL_DestroyTexture(static_cast<SDL_Texture*>(texture_));
    texture_ = nullptr;
  }
  if (!texture_) {
    texture_ = SDL_CreateTexture(r, SDL_PIXELFORMAT_RGB888, SDL_TEXTUREACCESS_STREAMING, front_.w, front_.h);
    if (!texture_) return nullptr;
    // Opaque: a picture has nothing to blend (fades go through the snapshot), and SDL's software
    // renderer copies an unblended texture row by row instead of blending every pixel.
    SDL_SetTextureBlendMode(static_cast<SDL_Texture*>(texture_), SDL_BLENDMODE_NONE);
    texture_renderer_ = renderer;
    texture_w_ = front_.w;
    texture_h_ = front_.h;
    texture_serial_ = 0;
  }
  if (texture_serial_ != front_.serial) {
    SDL_UpdateTexture(static_cast<SDL_Texture*>(texture_), nullptr, front_.pixels.get(), int(front_.stride));
    texture_serial_ = front_.serial;
    ++shown_;
  }
  size = {float(front_.w), float(front_.h)};
  return texture_;
}

}  // namespace eco
