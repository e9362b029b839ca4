#pragma once
// A scene is one thing the screen shows for a while: the welcome page, a slide, a plugin's
// campaign. The scene loop owns them, tells them when they come and go, and asks them to draw.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/config.h"
#include "base/locale.h"
#include "render/painter.h"
#include "scene/campaigns.h"

namespace eco {

struct SceneContext {
  const Clock& clock;
  LocalTime local;          // now, in the kiosk's time zone
  float dt = 0;             // seconds since the previous frame
  const FrameInput& input;  // taps this frame (already canvas coordinates)
  const Locale& locale;
  const Config& config;
  const Campaign* campaign = nullptr;  // the campaign running today, whose theme dresses the page
  bool in_use = false;                 // someone is using the screen (the rotation is held)
};

enum class FocusRequest { None, Take, Release };

class Scene {
 public:
  virtual ~Scene() = default;
  virtual std::string name() const = 0;  // for logs and the admin overlay
  virtual void enter(const SceneContext&) {}
  virtual void leave() {}
  virtual void frame(const SceneContext& ctx, Painter& painter) = 0;

  // Interactive scenes take the screen when tapped; the rotation pauses until idle.
  virtual bool interactive() const { return false; }
  // Lets a scene take or give back the screen itself (kiosk.focus()/release() in Lua).
  virtual FocusRequest take_focus_request() { return FocusRequest::None; }
  // How long until the picture changes by itself; zero means it is animating (render on demand).
  virtual std::chrono::milliseconds next_change(const SceneContext&) const { return std::chrono::hours(1); }
  // A scene that cannot be shown (a disabled plugin); the rotation skips it.
  virtual bool available() const { return true; }
  // The scene is done before its slot ends (a plugin showed its error card long enough).
  virtual bool finished(const SceneContext&) const { return false; }
  // Why the scene failed to load or run (one line), empty while it works. Content updates roll
  // back a release whose scenes fail during the health check.
  virtual std::string failure() const { return {}; }
  // How many times it failed since it was made (a counter for /metrics, ecolobby_plugin_errors_total).
  virtual uint64_t failures() const { return 0; }
  // Media scenes (video, poster, PDF) load off the render thread. prepare() is called while the
  // previous slot still shows, so the scene can be ready before its turn; the rotation fades into
  // it only once ready() is true, and skips it (one log line) when it is not ready in time. A
  // scene may also be entered unprepared (the first slot): enter() then starts the load itself.
  virtual void prepare(const SceneContext&) {}
  virtual bool ready() const { return true; }
  // How long the slot lasts when the schedule does not say (a video's own length), once known.
  virtual std::optional<std::chrono::milliseconds> length() const { return std::nullopt; }
  // Text the scene will show, so the font atlas can hold it before the first frame.
  virtual std::string text_for_glyphs() const { return {}; }
};

}  // namespace eco
