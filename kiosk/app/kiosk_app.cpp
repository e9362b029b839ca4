#include "app/kiosk_app.h"
#include "app/gpu_command.h"

#include <csignal>
#include <cstdlib>
#include <set>
#include <thread>

#include <unistd.h>

#include <SDL.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/command.h"
#include "base/fault_injection.h"
#include "render/frame_loop_waker.h"
#include "app/health_watch.h"
#include "app/status_publisher.h"
#include "app/display_power.h"
#include "app/folder_watcher.h"
#include "app/frame_stats.h"
#include "app/input_script.h"
#include "base/locale.h"
#include "base/screen_locale.h"
#include "app/logging.h"
#include "app/memory_policy.h"
#include "app/play_tracker.h"
#include "app/screen_fonts.h"
#include "app/service_notifier.h"
#include "app/trace_log.h"
#include "render/display.h"
#include "render/input_mapper.h"
#include "scene/admin_overlay.h"
#include "scene/rotation.h"

namespace eco {
namespace {

using namespace std::chrono;
volatile std::sig_atomic_t g_stop_signal = 0;
// Set before main() runs, so "first frame after start" includes loading the program.
const steady_clock::time_point g_process_start = steady_clock::now();
steady_clock::time_point process_start() { return g_process_start; }
// A stop is honoured within kStopGraceSeconds even if something the frame loop waits in never
// returns (a driver spinning on a dead display socket, a stuck teardown): the first SIGTERM arms an
// alarm whose handler ends the process. Both handlers only use async-signal-safe calls.
constexpr unsigned kStopGraceSeconds = 5;
extern "C" void on_stop_alarm(int) {
  static const char msg[] = "ecolobby: the stop did not finish within 5 s; exiting now\n";
  (void)!::write(STDERR_FILENO, msg, sizeof msg - 1);
  ::_exit(1);
}
extern "C" void on_stop_signal(int sig) {
  if (!g_stop_signal) ::alarm(kStopGraceSeconds);
  g_stop_signal = sig;
}

// Thrown when a stop signal arrives while the screen is still waiting for its display.
struct StoppedBeforeStart {};

// The content of one directory: its schedule and scenes. Replaced as a whole on content change.
struct Content {
  std::filesystem::path dir;
  Schedule schedule;
  std::unique_ptr<SceneSet> scenes;
  std::string problem;  // why the screen fell back, shown small on the welcome scene
};

std::unique_ptr<Content> load_content(const std::filesystem::path& dir, const SceneFactory& factory) {
  auto c = std::make_unique<Content>();
  c->dir = dir;
  try {
    c->schedule = load_schedule(dir / "schedule.toml");
    if (c->schedule.slots.empty()) spdlog::warn("{}: no slots; showing the welcome scene", c->schedule.source);
  } catch (const std::exception& e) {
    spdlog::error("{}", e.what());
    c->problem = e.what();
  }
  c->scenes = std::make_unique<SceneSet>(c->schedule, dir, factory);
  return c;
}

Clock make_clock(const Config& config, const RunOptions& o) {
  TimePoint start = time_point_cast<milliseconds>(system_clock::now());
  int offset = config.utc_offset_minutes;
  if (o.now) {
    auto parsed = parse_iso8601(*o.now, offset);
    if (!parsed) throw CommandError("--now '" + *o.now + "': expected a time like 2026-06-24T10:00:00+08:00", 2);
    start = parsed->utc;
    offset = parsed->offset_minutes;
  }
  return Clock(start, offset, o.time_scale, o.headless ? Clock::Mode::Manual : Clock::Mode::Realtime);
}

std::string key_name(SDL_Keycode key, Uint16 mod) {
  std::string name;
  if (mod & KMOD_CTRL) name += "ctrl+";
  if (mod & KMOD_ALT) name += "alt+";
  if (mod & KMOD_SHIFT) name += "shift+";
  std::string base = SDL_GetKeyName(key);
  for (char& ch : base) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return name + base;
}

bool is_modifier(SDL_Keycode k) {
  return k == SDLK_LCTRL || k == SDLK_RCTRL || k == SDLK_LALT || k == SDLK_RALT || k == SDLK_LSHIFT ||
         k == SDLK_RSHIFT || k == SDLK_LGUI || k == SDLK_RGUI || k == SDLK_MODE;
}

std::string lowercase(std::string s) {
  for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return s;
}

class KioskLoop {
 public:
  KioskLoop(Config config, const RunOptions& options, const KioskHooks& hooks)
      : config_(std::move(config)), options_(options), hooks_(hooks), clock_(make_clock(config_, options)) {
    if (options.input_script) script_ = InputScript::load(*options.input_script);
    if (options.trace) trace_ = TraceLog(*options.trace, clock_.utc_offset_minutes());
    locale_ = load_screen_locale(config_.language);
    DisplayOptions d;
    d.headless = options.headless;
    d.portrait = config_.orientation == Orientation::Portrait;
    d.vsync = config_.display.vsync;
    d.renderer = options.renderer == "software"      ? RendererKind::Software
                 : options.renderer == "accelerated" ? RendererKind::Accelerated
                                                     : RendererKind::Auto;
    if (!options.headless) d.gl_probe = gl_renderer_from_child;
    d.font_scale = font_scale(config_);
    d.font_override = config_.font_file;
    if (options.headless) {
      auto size = parse_size(options.size);
      d.width = size ? size->first : (d.portrait ? 1080 : 1920);
      d.height = size ? size->second : (d.portrait ? 1920 : 1080);
    } else if (auto size = parse_size(options.windowed)) {
      d.fullscreen = false;
      d.width = size->first;
      d.height = size->second;
    } else {
      d.fullscreen = config_.display.fullscreen;
    }
    display_ = open_display(d);
    if (!hooks_.safe_mode.font_cache_off()) display_->fonts().use_cache(font_cache_file(config_));
    if (hooks_.status_board) hooks_.status_board->set_waker(wake_frame_loop);
    if (hooks_.scene_factory) scene_factory_ = hooks_.scene_factory(clock_);
    if (hooks_.overlays) overlays_ = hooks_.overlays(clock_);
    content_ = load_content(config_.content_dir, scene_factory_);
    content_->scenes->fallback().set_notice(content_->problem.empty() ? "" : locale_.t("fallback.title"));
    rotation_ = std::make_unique<Rotation>(&content_->schedule);
    wire_media();
    display_->measure_frames(options.trace && options.trace_pixels);
    prime_glyphs();
    if (hooks_.check_start_health) watch_health(clock_.now());
    if (options.dev) watcher_ = std::make_unique<FolderWatcher>(std::vector<std::filesystem::path>{config_.content_dir, config_.plugins_dir});
  }

  // One frame of the loop, in the order love.run has it: supervise, wait for input until the next
  // deadline, update, draw if anything changed, set the next deadline, publish the status.
  int run() {
    start_ = clock_.now();
    last_input_ = start_;
    last_trim_ = start_;
    last_frame_ = steady_clock::now();
    deadline_ = start_;
    while (!quit_ && !g_stop_signal) {
      supervise();
      if (lost_display()) break;
      wait_for_input();
      if (lost_display()) break;
      Tick tick = take_tick();
      update_power(tick);
      update_focus(tick);
      update_content(tick.now);
      update_rotation(tick);
      check_health(tick.now);
      SceneContext ctx = scene_context(tick);
      if (needs_drawing(tick)) draw_frame(ctx, tick);
      deadline_ = next_deadline(ctx, tick.now, tick.off);
      publish_status(ctx, tick.off);
      trim_memory(tick.now);
      if (!headless_step()) break;
      if (script_done(tick.now)) break;
    }
    return stop();
  }

 private:
  // A headless run draws every turn and steps a manual clock, in which a poster or PDF page
  // decoding on its thread takes no time at all: before a frame, it waits (real time, bounded)
  // for the scene on screen to be ready, so a screenshot shows what the screen would after the
  // load. Returns whether this frame is the last of --frames N (its screenshot is taken); false
  // on a real screen.
  bool headless_frame_ready() {
    if (!options_.headless) return false;
    await_ready(content_->scenes->at(rotation_->current()));
    return options_.frames > 0 && frames_ + 1 >= options_.frames;
  }
  // After a headless turn: the run ends with its last frame, or the manual clock advances by
  // --frame-step-ms. Returns false when the run is over; a real screen runs on (true).
  bool headless_step() {
    if (!options_.headless) return true;
    if (options_.frames > 0 && frames_ >= options_.frames) return false;
    clock_.advance(milliseconds{options_.frame_step_ms});
    return true;
  }
  static void await_ready(const Scene& scene) {
    auto until = steady_clock::now() + seconds{30};
    while (!scene.ready() && scene.failure().empty() && steady_clock::now() < until) std::this_thread::sleep_for(milliseconds{2});
  }

  // What one turn of the loop works with.
  struct Tick {
    TimePoint now;
    LocalTime local;
    FrameInput input;
    bool off = false;  // outside the display hours, nobody using the screen
    // The scene showing as the turn began: the one that fades out if the slot changes, even when
    // new content replaced the scenes in between (the old content lives on until the fade ends).
    Scene* on_screen = nullptr;
  };

  // The watchdog's ping, the test faults, finished screen-power commands, a picture the status
  // endpoint waits for, and the crash guard's "this start ran well".
  void supervise() {
    service_.alive();  // the loop wakes at least once a second, so a frozen loop stops the pings
    frame_fault_point(frames_);
    power_.reap();
    if (hooks_.status_board && hooks_.status_board->screen_wanted()) redraw_ = true;
    if (!healthy_reported_ && frames_ > 0 && clock_.now() - start_ >= hooks_.healthy_after) report_healthy();
  }

  bool lost_display() { return bool(display_lost_ = display_->connection_lost()); }

  // Sleeps until the deadline unless a frame is already due; any event ends the wait.
  void wait_for_input() { pump_events(redraw_ ? 0 : wait_ms(deadline_)); }

  Tick take_tick() {
    Tick t;
    t.now = clock_.now();
    replay_script(t.now);
    t.input = mapper_.take();
    t.input.keys = std::move(keys_);
    t.input.text = std::move(text_);
    keys_.clear();
    text_.clear();
    if (!t.input.taps.empty() || !t.input.swipes.empty() || !t.input.keys.empty() || !t.input.text.empty() || activity_) {
      last_input_ = t.now;
      redraw_ = true;
      activity_ = false;
    }
    t.local = to_local(t.now, clock_.utc_offset_minutes());
    t.on_screen = &content_->scenes->at(rotation_->current());
    return t;
  }

  // The display hours: off outside them unless someone touched the screen.
  void update_power(Tick& t) {
    t.off = off_hours(t.local, t.now);
    if (t.off == was_off_) return;
    redraw_ = true;
    was_off_ = t.off;
    if (t.off) record_play(plays_.end(t.now, store::PlayEnding::DisplayOff));
    else if (rotation_->started()) begin_play(t.now);
    power_.switched(t.off);
    trace_.write(t.now, t.off ? "display_off" : "display_on");
  }

  // Who holds the screen (a tap on an interactive scene, its own request, the idle timeout), and
  // a scene that says it is done gives way.
  void update_focus(const Tick& t) {
    handle_focus(*t.on_screen, t.input, t.now);
    SceneContext probe{clock_, t.local, 0, t.input, locale_, config_};
    if (t.on_screen->finished(probe)) rotation_->skip();
  }

  // Dev mode reloads changed files; otherwise new content (an installed update) ends the slide
  // on screen, asked once a second at most and never while someone is using the screen or
  // mid-crossfade, so an update shows within a second of being installed.
  void update_content(TimePoint now) {
    // Dev mode: reload now, keeping plugin stores; not mid-crossfade, whose outgoing scene may
    // belong to the content a reload would free.
    if (watcher_ && !rotation_->previous() && watcher_->take_change()) {
      spdlog::info("dev: files changed, reloading");
      switch_content(content_->dir, now);
    }
    bool can_switch = rotation_->started() && !rotation_->held() && !rotation_->previous();
    if (can_switch && hooks_.next_content && now >= next_content_check_) {
      next_content_check_ = now + 1s;
      if (auto dir = hooks_.next_content()) {
        switch_content(*dir, now);
        rotation_->skip();
      }
    }
  }

  void update_rotation(const Tick& t) {
    auto available = [this](size_t i) { return content_->scenes->available(i); };
    if (rotation_->update(t.now, t.local, available)) {
      on_scene_change(t.now, t.local, t.on_screen);
      redraw_ = true;
    }
    prepare_upcoming(t, available);
  }

  // Media scenes load while the slot before them still shows (preroll): the rotation fades into
  // them only once ready and passes over one that is not (Rotation::Media).
  void wire_media() {
    rotation_->set_media({[this](size_t i) { return content_->scenes->at(static_cast<int>(i)).length(); },
                          [this](size_t i) { return content_->scenes->at(static_cast<int>(i)).ready(); }});
  }

  void prepare_upcoming(const Tick& t, const std::function<bool(size_t)>& available) {
    // Headless, one step of the manual clock may be longer than the lead (a soak steps a minute):
    // the slot after the current one is then prepared a step ahead, or its turn would come unprepared.
    auto lead = options_.headless ? std::max<milliseconds>(kPrerollLead, milliseconds{options_.frame_step_ms}) : kPrerollLead;
    auto next = rotation_->upcoming(t.now, t.local, available, lead);
    if (!next || *next == prepared_slot_) return;
    prepared_slot_ = *next;
    FrameInput none;
    SceneContext ctx{clock_, t.local, 0, none, locale_, config_, content_->schedule.calendar.running(t.local.day_number())};
    content_->scenes->at(*next).prepare(ctx);
    // Headless, the preroll's seconds are virtual and the decode's are not: without waiting here
    // the rotation would pass over a slot that a real screen would have had ready in time.
    if (options_.headless) await_ready(content_->scenes->at(*next));
  }

  SceneContext scene_context(const Tick& t) const {
    return SceneContext{clock_, t.local, float(duration<double>(steady_clock::now() - last_frame_).count()), t.input,
                        locale_, config_, content_->schedule.calendar.running(t.local.day_number()), rotation_->held()};
  }

  // A crossfade, a deadline, the renderer or a headless run wants a frame; input and scene
  // changes asked for one above.
  bool needs_drawing(const Tick& t) {
    if (rotation_->previous() || t.now >= deadline_ || display_->needs_redraw() || options_.headless) redraw_ = true;
    return redraw_;
  }

  void draw_frame(const SceneContext& ctx, const Tick& t) {
    bool last_headless_frame = headless_frame_ready();
    bool in_transition = rotation_->previous().has_value();
    last_frame_ = steady_clock::now();
    draw(ctx, t.now, t.off, last_headless_frame);
    // New characters reached the atlas: the frame is drawn again before anyone sees a gap.
    if (display_->needs_redraw() && last_headless_frame) draw(ctx, t.now, t.off, true);
    redraw_ = display_->needs_redraw() || in_transition;
    if (++frames_ == 1) {
      spdlog::info("first frame presented {:.0f} ms after start",
                   duration<double, std::milli>(steady_clock::now() - process_start()).count());
      service_.ready("showing " + content_->dir.string());
    }
  }

  // Freed heap goes back to the system once an hour (a months-long process, app/memory_policy.h).
  void trim_memory(TimePoint now) {
    if (now - last_trim_ < hours{1}) return;
    last_trim_ = now;
    return_free_memory();
  }

  // --exit-after-script: a second after the last scripted input.
  bool script_done(TimePoint now) const {
    return options_.exit_after_script && script_.next_at() < 0 && now - start_ >= milliseconds{last_script_ms_ + 1000};
  }

  // After the loop: tell systemd and the status endpoint, report a clean stop as healthy, log the
  // run's frame times. Returns the exit code.
  int stop() {
    record_play(plays_.end(clock_.now(), store::PlayEnding::Stopped));
    service_.stopping();
    if (hooks_.status_board) hooks_.status_board->close();
    if (display_lost_) {  // nothing can be shown any more: out, so the session restarts with a new compositor
      spdlog::critical("display lost: {}; exiting so the session restarts", *display_lost_);
      return kDisplayLostExitCode;
    }
    if (!healthy_reported_ && frames_ > 0) report_healthy();  // a clean stop is not a crash
    if (g_stop_signal) spdlog::info("stopping on signal {}", int(g_stop_signal));
    double p50 = stats_.percentile(50), p99 = stats_.percentile(99), max = stats_.percentile(100), rss = resident_memory_mb();
    spdlog::info("frames {} · frame ms p50 {:.2f} p99 {:.2f} max {:.2f} · RSS {:.1f} MB", frames_, p50, p99, max, rss);
    trace_.write(clock_.now(), "exit", {{"frames", frames_}, {"frame_ms_p50", p50}, {"frame_ms_p99", p99}, {"frame_ms_max", max}, {"rss_mb", rss}});
    return screenshot_failed_ ? 1 : 0;
  }

  void report_healthy() {
    healthy_reported_ = true;
    if (hooks_.healthy) hooks_.healthy(content_->dir);
  }

  // A screen booted before its monitor or compositor is ready waits for it (logging each try,
  // backing off to 30 s) instead of exiting into a restart loop. Headless failures are final.
  std::unique_ptr<Display> open_display(const DisplayOptions& d) {
    std::signal(SIGALRM, on_stop_alarm);
    std::signal(SIGTERM, on_stop_signal);
    std::signal(SIGINT, on_stop_signal);
    for (int attempt = 1;; ++attempt) {
      try {
        auto display = std::make_unique<Display>(d);
        if (attempt > 1) spdlog::info("display available after {} attempts", attempt);
        return display;
      } catch (const std::runtime_error& e) {
        if (d.headless) throw;
        auto wait = seconds{std::min(30, 1 << std::min(attempt - 1, 5))};
        spdlog::error("display unavailable: {}; retrying in {} s (attempt {})", e.what(), wait.count(), attempt);
        service_.starting(fmt::format("waiting for the display (attempt {}): {}", attempt, e.what()), wait + seconds{30});
        for (auto until = steady_clock::now() + wait; steady_clock::now() < until;) {
          if (g_stop_signal) throw StoppedBeforeStart{};
          std::this_thread::sleep_for(milliseconds{100});
        }
      }
    }
  }

  void prime_glyphs() {
    add_screen_text(display_->fonts().glyphs(), config_, content_->dir, locale_);
    display_->fonts().glyphs().add_text(content_->scenes->text_for_glyphs());
  }

  int wait_ms(TimePoint deadline) const {
    TimePoint now = clock_.now();
    if (deadline <= now) return 0;
    auto wait = clock_.real_duration(duration_cast<milliseconds>(deadline - now));
    // Woken at least once a second so signals and clock jumps are never missed for long.
    return static_cast<int>(std::clamp<int64_t>(wait.count(), 1, 1000));
  }

  void pump_events(int timeout_ms) {
    mapper_.set_geometry(display_->input_geometry());
    SDL_Event e;
    bool got = options_.headless ? SDL_PollEvent(&e) : SDL_WaitEventTimeout(&e, timeout_ms);
    while (got) {
      handle_event(e);
      got = SDL_PollEvent(&e);
    }
  }

  void handle_event(const SDL_Event& e) {
    if (mapper_.handle(e)) activity_ = true;
    switch (e.type) {
      case SDL_QUIT:
        if (config_.allow_quit_keys || !options_.windowed.empty()) quit_ = true;
        break;
      case SDL_KEYDOWN:
        if (!e.key.repeat && !is_modifier(e.key.keysym.sym)) on_key(key_name(e.key.keysym.sym, e.key.keysym.mod));
        break;
      case SDL_TEXTINPUT:
        text_ += e.text.text;
        break;
      case SDL_WINDOWEVENT:
        activity_ = activity_ || e.window.event == SDL_WINDOWEVENT_EXPOSED || e.window.event == SDL_WINDOWEVENT_SIZE_CHANGED;
        break;
      case SDL_RENDER_TARGETS_RESET:
      case SDL_RENDER_DEVICE_RESET:
        activity_ = true;
        break;
      default:
        break;
    }
  }

  void on_key(const std::string& name) {
    trace_.write(clock_.now(), "key", {{"key", name}});
    activity_ = true;
    if (name == "f2") {
      overlay_ = !overlay_;
    } else if (name == "ctrl+alt+q") {
      quit_ = true;
    } else if (config_.allow_quit_keys && (name == "escape" || name == "alt+f4")) {
      quit_ = true;
    } else {
      keys_.push_back(name);
    }
  }

  void replay_script(TimePoint now) {
    auto elapsed = duration_cast<milliseconds>(now - start_).count();
    for (const auto& ev : script_.take_due(elapsed)) {
      last_script_ms_ = std::max(last_script_ms_, ev.at_ms);
      switch (ev.kind) {
        case ScriptedInput::Kind::Tap:
          mapper_.inject_tap({ev.x, ev.y});
          break;
        case ScriptedInput::Kind::Swipe:
          mapper_.inject_swipe({ev.x, ev.y}, {ev.x2, ev.y2});
          break;
        case ScriptedInput::Kind::Key:
          on_key(lowercase(ev.value));
          break;
        case ScriptedInput::Kind::Text:
          text_ += ev.value;
          activity_ = true;
          break;
      }
    }
  }

  bool off_hours(const LocalTime& local, TimePoint now) const {
    if (!config_.display.hours.off_at(local)) return false;
    // A touch during off hours wakes the screen until the idle timeout.
    return now - last_input_ >= seconds{config_.idle_timeout_s} || last_input_ == start_;
  }

  void handle_focus(Scene& current, const FrameInput& input, TimePoint now) {
    for (const Vec2& tap : input.taps)
      trace_.write(now, "tap", {{"x", tap.x}, {"y", tap.y}, {"scene", current.name()}});
    for (const Swipe& swipe : input.swipes)
      trace_.write(now, "swipe", {{"direction", swipe_name(swipe.direction)}, {"scene", current.name()}});
    switch (current.take_focus_request()) {
      case FocusRequest::Take:
        rotation_->hold(true, now);
        plays_.touched();
        break;
      case FocusRequest::Release:
        rotation_->hold(false, now);
        break;
      case FocusRequest::None:
        break;
    }
    if (current.interactive() && (!input.taps.empty() || !input.swipes.empty()) && !rotation_->held()) {
      rotation_->hold(true, now);
      plays_.touched();
      trace_.write(now, "focus", {{"scene", current.name()}});
    }
    if (rotation_->held() && now - last_input_ >= seconds{config_.idle_timeout_s}) {
      rotation_->hold(false, now);
      trace_.write(now, "idle", {{"scene", current.name()}});
      if (hooks_.on_idle) hooks_.on_idle();
    }
  }

  // Swaps in another content directory at a slot boundary. The old scenes live on until the
  // crossfade away from them ends.
  void switch_content(const std::filesystem::path& dir, TimePoint now) {
    auto t0 = steady_clock::now();
    plays_.cut(store::PlayEnding::Update);
    retired_ = std::move(content_);
    content_ = load_content(dir, scene_factory_);
    content_->scenes->fallback().set_notice(content_->problem.empty() ? "" : locale_.t("fallback.title"));
    rotation_->set_schedule(&content_->schedule);
    prepared_slot_ = kNotPrepared;
    display_->images().new_generation();
    images_stale_ = true;  // the old content's images are freed once the crossfade away from it ends
    prime_glyphs();
    watch_health(now);
    double ms = duration<double, std::milli>(steady_clock::now() - t0).count();
    spdlog::info("content: switched to {} (loaded in {:.1f} ms)", dir.string(), ms);
    trace_.write(now, "content", {{"dir", dir.string()}, {"load_ms", ms}});
  }

  // The content just loaded must show without errors for the grace period and until every slot
  // eligible now has drawn its first frame; failures to load a slot's scene count from the start.
  void watch_health(TimePoint now) {
    std::string error = content_->problem;
    if (error.empty() && !content_->scenes->problems().empty()) error = content_->scenes->problems().front();
    std::set<int> unseen;
    auto available = [this](size_t i) { return content_->scenes->available(i); };
    for (size_t i : select_slots(content_->schedule, to_local(now, clock_.utc_offset_minutes()), available))
      unseen.insert(static_cast<int>(i));
    health_.emplace(content_->dir, now + hooks_.health_grace, error, std::move(unseen));
  }

  void check_health(TimePoint now) {
    if (!health_) return;
    auto verdict = health_->verdict(now);
    if (!verdict) return;
    if (verdict->ok) spdlog::info("content {}: healthy after the grace period", verdict->dir.string());
    else spdlog::error("content {}: unhealthy: {}", verdict->dir.string(), verdict->error);
    if (hooks_.content_health) hooks_.content_health(verdict->dir, verdict->ok, verdict->error);
    health_.reset();
  }

  void on_scene_change(TimePoint now, const LocalTime& local, Scene* outgoing) {
    if (leaving_) leaving_->leave();
    leaving_ = rotation_->previous() ? outgoing : nullptr;
    Scene& next = content_->scenes->at(rotation_->current());
    FrameInput none;
    SceneContext ctx{clock_, local, 0, none, locale_, config_, content_->schedule.calendar.running(local.day_number())};
    // Freeze the outgoing scene's picture once; the crossfade blends it over the live incoming scene.
    snapshot_ready_ = false;
    if (leaving_) {
      draw_scene(*leaving_, ctx, display_->begin_frame(0));
      snapshot_ready_ = display_->end_frame_into_snapshot();
    }
    // A video slot following itself starts over: it fades from its own last frame (the snapshot)
    // and must not be left when that fade ends.
    if (leaving_ == &next) leaving_ = nullptr;
    prepared_slot_ = kNotPrepared;
    next.enter(ctx);
    if (!was_off_) begin_play(now);
    settle_pending_ = true;
    trace_.write(now, "scene", {{"slot", rotation_->current()}, {"name", next.name()}});
    spdlog::debug("scene: {}", next.name());
  }

  void draw(const SceneContext& ctx, TimePoint now, bool off, bool screenshot) {
    auto t0 = steady_clock::now();
    Painter& p = display_->begin_frame(ctx.dt);
    Vec2 size = p.canvas_size();
    float snapshot_alpha = 0;
    if (off) {
      p.fill_rect({0, 0, size.x, size.y}, Color{0, 0, 0, 255});
    } else {
      float t = rotation_->transition(now);
      auto previous = rotation_->previous();
      if (previous && t < 1.0f) {
        // Crossfade: the outgoing picture fades out over the incoming scene; never a black frame.
        if (snapshot_ready_) {
          snapshot_alpha = 1.0f - t;
        } else if (leaving_) {
          draw_scene(*leaving_, ctx, p);
          p.set_global_alpha(t);
        }
      }
      Scene& scene = content_->scenes->at(rotation_->current());
      draw_scene(scene, ctx, p);
      if (health_) {  // only the new content's scenes count, not the one fading out
        health_->drew(rotation_->current());
        if (std::string failure = scene.failure(); !failure.empty()) health_->failed(scene.name() + ": " + failure);
      }
      p.set_global_alpha(1.0f);
      if (t >= 1.0f && leaving_) {
        leaving_->leave();
        leaving_ = nullptr;
        retired_.reset();
      }
    }
    if (!off) draw_overlays(ctx, p);
    if (overlay_) draw_admin_overlay(p, locale_, overlay_info());
    std::optional<std::string> shot = screenshot ? options_.screenshot : std::nullopt;
    if (overlay_) snapshot_alpha = 0;  // the overlay must stay readable
    bool remote_shot = hooks_.status_board && hooks_.status_board->screen_wanted();
    std::string png;
    if (!display_->end_frame(shot, snapshot_alpha, remote_shot ? &png : nullptr)) screenshot_failed_ = true;
    if (remote_shot) hooks_.status_board->deliver_screen(std::move(png));
    trace_frame(now, off);
    // Only now, with the frame rendered: this frame drew the new content's images from the cache.
    if (images_stale_ && !leaving_ && !rotation_->previous()) {
      display_->images().drop_unused();
      images_stale_ = false;
    }
    // The first frame builds the font atlas and uploads textures; it is reported on its own.
    double ms = duration<double, std::milli>(steady_clock::now() - t0).count();
    if (first_frame_drawn_) stats_.record(ms, steady_clock::now());
    stats_.drawn(steady_clock::now());
    if (ms > 50 && first_frame_drawn_) spdlog::debug("slow frame: {:.1f} ms ({})", ms, content_->scenes->at(rotation_->current()).name());
    first_frame_drawn_ = true;
  }

  // A `frame` trace line for each frame that could not draw everything it was asked to (glyphs
  // the atlas lacked, images freed before rendering), and for the first frame of each scene
  // once its crossfade is over: the picture a screen keeps showing until something changes.
  void trace_frame(TimePoint now, bool off) {
    if (!trace_.enabled()) return;
    const FrameReport& r = display_->last_frame();
    if (options_.trace_pixels && r.luma >= 0)
      trace_.write(now, "drawn", {{"name", content_->scenes->at(rotation_->current()).name()}, {"luma", r.luma},
                                  {"dark", r.dark_share}, {"fading", rotation_->previous().has_value()}});
    bool settled = settle_pending_ && !off && !rotation_->previous();
    if (settled) settle_pending_ = false;
    if (!settled && r.images_lost == 0 && r.glyphs_missing.empty()) return;
    trace_.write(now, "frame", {{"name", content_->scenes->at(rotation_->current()).name()}, {"settled", settled},
                                {"images", r.images}, {"images_lost", r.images_lost}, {"glyphs_missing", r.glyphs_missing}});
  }

  // Overlay plugins (a ticker, a banner) sit above whichever scene is showing.
  void draw_overlays(const SceneContext& ctx, Painter& p) {
    for (auto& o : overlays_) {
      if (!overlays_entered_) o->enter(ctx);
      if (o->available()) draw_scene(*o, ctx, p);
    }
    overlays_entered_ = true;
  }

  void draw_scene(Scene& scene, const SceneContext& ctx, Painter& p) {
    try {
      scene.frame(ctx, p);
    } catch (const std::exception& e) {
      spdlog::error("scene {}: {}", scene.name(), e.what());
      if (&scene == &content_->scenes->at(rotation_->current())) plays_.cut(store::PlayEnding::Failed);
      if (health_) health_->failed(scene.name() + ": " + e.what());
      rotation_->skip();
    }
  }

  // The slot now on screen starts a showing (and ends the one before it).
  void begin_play(TimePoint now) {
    int i = rotation_->current();
    const Slot* slot = i == Rotation::kFallback ? nullptr : &content_->schedule.slots[static_cast<size_t>(i)];
    record_play(plays_.begin(now, slot, content_->schedule.content_version));
  }
  void record_play(std::optional<store::Play> play) {
    if (play && hooks_.on_play) hooks_.on_play(std::move(*play));
  }

  AdminOverlayInfo overlay_info() {
    AdminOverlayInfo s;
    s.version = ECOLOBBY_VERSION;
    s.content_version = content_->schedule.content_version;
    s.renderer = display_->renderer_name();
    s.scene = content_->scenes->at(rotation_->current()).name();
    s.fps = stats_.fps(steady_clock::now());
    s.frame_p50_ms = stats_.percentile(50);
    s.frame_p99_ms = stats_.percentile(99);
    s.rss_mb = resident_memory_mb();
    s.problems = recent_problems(6, clock_.utc_offset_minutes());
    if (hooks_.participation_overlay_line) s.participation = hooks_.participation_overlay_line();
    if (hooks_.data_overlay_line) s.data_age = hooks_.data_overlay_line();
    if (hooks_.update_overlay_line) s.updates = hooks_.update_overlay_line();
    return s;
  }

  void publish_status(const SceneContext& ctx, bool off) {
    status_.publish_if_due(steady_clock::now(), [&] {
      LoopView v;
      v.info = overlay_info();
      v.now = clock_.now();
      v.utc_offset_minutes = clock_.utc_offset_minutes();
      v.day = ctx.local.day_number();
      v.uptime_s = duration_cast<seconds>(steady_clock::now() - process_start()).count();
      v.content_dir = content_->dir.string();
      v.screen_off = off;
      v.frames_last_minute = static_cast<int64_t>(stats_.frames_last_minute(steady_clock::now()));
      v.frame_histogram = stats_.histogram();
      v.scenes = content_->scenes.get();
      v.overlays = &overlays_;
      return screen_health(v, config_, hooks_);
    });
  }

  TimePoint next_deadline(const SceneContext& ctx, TimePoint now, bool off) const {
    // Off: nothing on screen changes before the display hours do.
    TimePoint d = off ? TimePoint::max()
                      : std::min(rotation_->next_deadline(now), now + content_->scenes->at(rotation_->current()).next_change(ctx));
    if (off || config_.display.hours.scheduled())
      d = std::min(d, now + config_.display.hours.minutes_until_change(ctx.local) * 60s - seconds{ctx.local.second});
    if (overlay_) d = std::min(d, now + 1s);
    for (const auto& o : overlays_)
      if (o->available()) d = std::min(d, now + o->next_change(ctx));
    if (rotation_->held()) d = std::min(d, last_input_ + seconds{config_.idle_timeout_s});
    if (int64_t next = script_.next_at(); next >= 0) d = std::min(d, start_ + milliseconds{next});
    return d;
  }

  Config config_;
  RunOptions options_;
  KioskHooks hooks_;
  Clock clock_;
  SceneFactory scene_factory_;
  InputScript script_;
  TraceLog trace_;
  Locale locale_;
  std::unique_ptr<Display> display_;
  std::unique_ptr<Content> content_;
  std::unique_ptr<Content> retired_;  // the previous content, until the crossfade away from it ends
  std::optional<HealthWatch> health_;  // while content just switched to is on trial
  std::unique_ptr<Rotation> rotation_;
  std::unique_ptr<FolderWatcher> watcher_;
  std::vector<std::unique_ptr<Scene>> overlays_;
  bool overlays_entered_ = false;
  InputMapper mapper_;
  ServiceNotifier service_;
  DisplayPowerCommands power_{config_.display.off_command, config_.display.on_command};
  bool healthy_reported_ = false;
  StatusPublisher status_{hooks_.status_board};
  FrameStats stats_;
  PlayTracker plays_{config_.kiosk_id, clock_.utc_offset_minutes()};
  Scene* leaving_ = nullptr;
  static constexpr int kNotPrepared = -2;
  static constexpr std::chrono::seconds kPrerollLead{3};  // how long before its turn a media slot loads
  int prepared_slot_ = kNotPrepared;  // the upcoming slot prepare() was called for
  TimePoint start_{}, last_input_{}, last_trim_{};
  TimePoint deadline_{};  // when the picture changes next if nothing happens
  steady_clock::time_point last_frame_{};
  int frames_ = 0;
  bool redraw_ = true;  // something changed: draw the next frame without waiting
  TimePoint next_content_check_{};
  std::vector<std::string> keys_;
  std::string text_;
  int64_t last_script_ms_ = 0;
  bool first_frame_drawn_ = false;
  bool images_stale_ = false;
  bool snapshot_ready_ = false;
  bool settle_pending_ = false;  // the scene on screen has not had its first frame after the crossfade
  bool activity_ = false, quit_ = false, overlay_ = false, was_off_ = false, screenshot_failed_ = false;
  std::optional<std::string> display_lost_;  // why the window system connection went away
};

}  // namespace

Config apply_run_options(Config config, const RunOptions& options) {
  if (options.content) config.content_dir = *options.content;
  if (options.data_dir) config.data_dir = *options.data_dir;
  if (options.language) config.language = *options.language;
  if (options.dev) config.dev_mode = true;
  if (options.orientation) config.orientation = *options.orientation == "portrait" ? Orientation::Portrait : Orientation::Landscape;
  return config;
}

int run_kiosk(const Config& base, const RunOptions& options, const KioskHooks& hooks) {
  Config config = base;
  if (hooks.start_content && !options.content) config.content_dir = *hooks.start_content;
  config = apply_run_options(std::move(config), options);
  if (options.headless && options.frames <= 0 && !options.exit_after_script)
    throw CommandError("--headless needs --frames N (or --exit-after-script)", 2);
  KioskHooks fixed = hooks;
  if (options.content) {  // the developer chose the content: no release replaces it
    fixed.next_content = nullptr;
    fixed.check_start_health = false;
  }
  try {
    KioskLoop loop(std::move(config), options, fixed);
    return loop.run();
  } catch (const StoppedBeforeStart&) {
    spdlog::info("stopped on signal {} while waiting for the display", int(g_stop_signal));
    return 0;
  } catch (const ConfigError& e) {
    throw CommandError(e.what(), 2);
  } catch (const CommandError&) {
    throw;
  } catch (const std::exception& e) {
    throw CommandError(e.what(), 1);
  }
}

}  // namespace eco
