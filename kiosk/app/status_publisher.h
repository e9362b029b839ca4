#pragma once
// The screen's health for the remote status endpoint: what the frame loop knows about itself, as
// the JSON the endpoint serves (schema kStatusSchema, documented field by field in
// docs/admin-guide.md), left on the StatusBoard about once a second (the loop wakes at least
// that often). The HTTP thread adds what needs the disk (app/status_startup.h). Every field is
// for machines: numbers, booleans, ISO 8601 times and fixed codes; the localized sentences are
// the F2 overlay's (AdminOverlayInfo's text lines are not served).
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/frame_stats.h"
#include "app/kiosk_app.h"
#include "app/problem_journal.h"
#include "base/clock.h"
#include "scene/admin_overlay.h"
#include "scene/scene_set.h"
#include "status/status_board.h"

namespace eco {

// Raised when a field changes meaning or goes away; fields may be added within a schema.
constexpr int kStatusSchema = 1;

struct PluginProblem {
  std::string plugin;  // scene name: "plugin:energy_week_quiz"
  std::string error;   // one line
};

// What the frame loop knows about itself when the health is due: the part of the health it
// fills (KioskLoop), the rest coming from the services.
struct LoopMoment {
  AdminOverlayInfo info;  // versions, scene, frame times, memory (its text lines stay in F2)
  TimePoint now{};
  int utc_offset_minutes = 0;
  int64_t day = 0;  // local day number
  int64_t uptime_s = 0;
  std::string content_dir;
  bool screen_off = false;
  int64_t frames_last_minute = 0;
  FrameHistogram frame_histogram;  // a copy of the loop's counters
};

// One moment of the running screen.
struct ScreenHealth : LoopMoment {
  std::string kiosk_id, institution_id, institution_name;
  bool safe_mode = false;
  std::optional<int64_t> data_age_s;  // nullopt without figures
  std::vector<PluginProblem> plugin_errors;  // scenes and overlays failing now, slots that did not load
  std::vector<std::string> disabled_plugins;
  std::map<std::string, uint64_t> plugin_failures;  // every plugin scene → failures since it was made
  // Filled by the services (KioskHooks::status_fields, app/status_startup.h): "data_sources" (array) and "participation"
  // (object) as the schema describes them.
  nlohmann::json services = nlohmann::json::object();
  std::vector<Problem> last_problems;
  std::map<std::string, uint64_t> problems_logged;  // level → problems this process logged
};

// The loop's moment, and where to look for failing and disabled plugins: the content on screen
// and the overlays.
struct LoopView : LoopMoment {
  const SceneSet* scenes = nullptr;
  const std::vector<std::unique_ptr<Scene>>* overlays = nullptr;
};

// One moment's health: the loop's view, this screen's identity (kiosk_id, org_name), what the
// services add through `hooks` (safe mode, data age, institution, data sources, participation)
// and the problem journal's last entries.
ScreenHealth screen_health(const LoopView& loop, const Config& config, const KioskHooks& hooks);

nlohmann::json health_json(const ScreenHealth& h);
// A problem as /status lists it: {"time", "time_ms", "level", "message"}.
nlohmann::json problem_json(const Problem& p, int utc_offset_minutes);

class StatusPublisher {
 public:
  static constexpr std::chrono::seconds kEvery{1};

  // A null board (the endpoint is off) publishes nothing.
  explicit StatusPublisher(std::shared_ptr<StatusBoard> board) : board_(std::move(board)) {}

  // Publishes what `measure` returns when kEvery has passed since the last time; `measure` is
  // not called otherwise (it reads memory and the log).
  void publish_if_due(std::chrono::steady_clock::time_point t, const std::function<ScreenHealth()>& measure);

 private:
  std::shared_ptr<StatusBoard> board_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace eco
