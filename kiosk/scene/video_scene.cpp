#include "scene/video_scene.h"

#include <algorithm>
#include <cmath>

#include <spdlog/spdlog.h>

#include "render/frame_loop_waker.h"
#include "render/theme.h"
#include "scene/backdrop.h"

namespace eco {
namespace {

// Virtual clock runs wait this long for a file to open: the run is deterministic, not fast.
constexpr auto kFollowLoadTimeout = std::chrono::seconds(20);

}  // namespace

VideoScene::VideoScene(const Slot& slot, const std::filesystem::path& content_dir)
    : video_(slot.video.value_or(VideoSlot{})), where_(slot.video ? slot.video->file_where : slot.where),
      path_((content_dir / video_.file).string()) {}

VideoScene::~VideoScene() = default;

void VideoScene::open(const SceneContext& ctx) {
  if (player_) return;
  follow_clock_ = ctx.clock.mode() == Clock::Mode::Manual;
  VideoOptions o;
  o.file = path_;
  o.loop = video_.loop && !video_.length_from_video;  // without duration_s the slot is one play
  o.audio = video_.audio;
  o.volume = video_.volume;
  o.follow_clock = follow_clock_;
  bool portrait = ctx.config.orientation == Orientation::Portrait;
  int cw = portrait ? 1080 : 1920, ch = portrait ? 1920 : 1080;
  o.max_width = video_.cover ? std::max(cw, ch) : cw;
  o.max_height = video_.cover ? std::max(cw, ch) : ch;
  if (!follow_clock_) o.on_frame = wake_frame_loop;  // a decoded frame is shown at once
  player_ = std::make_unique<VideoPlayer>(std::move(o));
}

bool VideoScene::failed() const {
  if (!player_ || player_->state() != VideoPlayer::State::Failed) return false;
  if (!reported_) {
    reported_ = true;
    spdlog::error("{}: video '{}' cannot be played: {}; the slot is skipped", where_, video_.file, player_->info().error);
  }
  return true;
}

void VideoScene::prepare(const SceneContext& ctx) { open(ctx); }

bool VideoScene::ready() const {
  if (!player_) return false;
  if (follow_clock_) player_->wait_loaded(kFollowLoadTimeout);  // deterministic on a virtual clock
  return !failed() && player_->state() == VideoPlayer::State::Ready;
}

bool VideoScene::available() const { return !failed(); }

std::string VideoScene::failure() const {
  return player_ && player_->state() == VideoPlayer::State::Failed ? "video '" + video_.file + "': " + player_->info().error : "";
}

void VideoScene::enter(const SceneContext& ctx) {
  open(ctx);
  entered_ = true;
  entered_at_ = ctx.clock.now();
  if (follow_clock_) {  // entered unprepared (the first slot): the run waits for the file, deterministically
    player_->wait_loaded(kFollowLoadTimeout);
    return;
  }
  if (played_) player_->restart();
  player_->play();
  played_ = true;
}

void VideoScene::leave() {
  // The next turn opens the file again: a paused decoder and its frame buffers are not kept for it.
  if (player_ && entered_ && !follow_clock_) {
    VideoPlayCounts c = player_->counts();
    spdlog::info("video '{}': {} frames rendered, {} shown, {} lost (decoder {}, late {}, replaced unseen {})", video_.file,
                 c.rendered, c.shown, c.lost(), c.decoder_dropped, c.output_dropped, c.replaced_unseen());
  }
  entered_ = false;
  played_ = false;
  if (player_ && player_->state() != VideoPlayer::State::Failed) player_.reset();
}

double VideoScene::scene_seconds(const SceneContext& ctx) const {
  return std::chrono::duration<double>(ctx.clock.now() - entered_at_).count();
}

std::optional<std::chrono::milliseconds> VideoScene::length() const {
  if (!video_.length_from_video || !player_ || player_->state() != VideoPlayer::State::Ready) return std::nullopt;
  double d = player_->info().duration_s;
  if (d <= 0) return std::nullopt;
  return std::chrono::milliseconds{std::max<int64_t>(1000, std::llround(d * 1000))};
}

bool VideoScene::finished(const SceneContext& ctx) const {
  if (!entered_ || !player_ || !video_.length_from_video) return false;
  if (follow_clock_) {
    double d = player_->info().duration_s;
    return d > 0 && scene_seconds(ctx) >= d;
  }
  return player_->ended();
}

void VideoScene::frame(const SceneContext& ctx, Painter& p) {
  Vec2 size = p.canvas_size();
  Rect full{0, 0, size.x, size.y};
  if (!player_) open(ctx);  // drawn without enter() (a snapshot): show what there is
  if (follow_clock_ && entered_ && player_->state() == VideoPlayer::State::Ready) {
    double t = scene_seconds(ctx), d = player_->info().duration_s;
    if (d > 0) t = video_.loop ? std::fmod(t, d) : std::min(t, std::max(0.0, d - player_->frame_interval_s()));
    player_->show_at(t);
  }
  // Bars around a contained picture, or the wait for the first frame: the backdrop, never black.
  // A picture of the canvas's own shape covers it: no backdrop drawn under it at every frame.
  VideoInfo info = player_->info();
  bool covers = video_.cover;
  if (!covers && info.width > 0 && info.height > 0) {
    float s = std::min(size.x / float(info.width), size.y / float(info.height));
    covers = size.x - float(info.width) * s < 1 && size.y - float(info.height) * s < 1;
  }
  if (!covers || !player_->frames_rendered()) draw_backdrop(p, ctx.campaign);
  drawn_serial_ = player_->frames_rendered();
  p.texture(full, *player_, video_.cover, Color{255, 255, 255, 255});
  const std::string& caption = video_.caption.get(ctx.locale.language());
  if (!caption.empty()) {
    const float m = theme::kMargin;
    Vec2 t = p.measure_text(caption, theme::kBody, size.x - 4 * m);
    float band = t.y + 48;
    p.fill_rect({0, size.y - band - 40, size.x, band}, Color{0, 0, 0, 140});
    p.text({size.x / 2, size.y - band - 16}, caption,
           TextStyle{theme::kBody, theme::kText, Align::Center, size.x - 4 * m});
  }
}

std::chrono::milliseconds VideoScene::next_change(const SceneContext&) const {
  if (!player_ || !entered_ || failed()) return std::chrono::hours(1);
  if (player_->frames_rendered() != drawn_serial_) return std::chrono::milliseconds{0};  // a new frame is waiting
  if (follow_clock_) return std::chrono::milliseconds{std::llround(player_->frame_interval_s() * 1000)};
  if (player_->ended()) return std::chrono::hours(1);  // the last frame holds
  // The frame's arrival wakes the loop; this is the fallback if that wake is lost.
  return std::chrono::milliseconds{std::llround(player_->frame_interval_s() * 1000)};
}

}  // namespace eco
