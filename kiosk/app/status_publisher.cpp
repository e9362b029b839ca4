#include "app/status_publisher.h"

#include <set>

namespace eco {

nlohmann::json problem_json(const Problem& p, int utc_offset_minutes) {
  return {{"time", format_iso8601(TimePoint{std::chrono::milliseconds{p.time_ms}}, utc_offset_minutes)},
          {"time_ms", p.time_ms},
          {"level", p.level},
          {"message", p.message}};
}

namespace {

// Scenes and overlays failing now, disabled plugins, and slots that could not be made.
void plugin_health(const LoopView& loop, ScreenHealth& h) {
  std::set<std::string> disabled;
  auto look = [&](const Scene& scene) {
    if (std::string why = scene.failure(); !why.empty()) h.plugin_errors.push_back({scene.name(), why});
    if (scene.name().rfind("plugin:", 0) != 0) return;
    if (!scene.available()) disabled.insert(scene.name());
    h.plugin_failures[scene.name()] += scene.failures();
  };
  if (loop.scenes) {
    for (const auto& scene : loop.scenes->scenes())
      if (scene) look(*scene);
  }
  if (loop.overlays)
    for (const auto& o : *loop.overlays) look(*o);
  if (loop.scenes)
    for (const auto& line : loop.scenes->problems()) h.plugin_errors.push_back({"", line});
  h.disabled_plugins.assign(disabled.begin(), disabled.end());
}

// Prometheus's shape (cumulative buckets, the last one every frame), in the document's units.
nlohmann::json frame_histogram_json(const FrameHistogram& f) {
  return {{"le_ms", FrameHistogram::kUpperMs}, {"cumulative", f.cumulative}, {"count", f.count}, {"sum_ms", f.sum_ms}};
}

}  // namespace

ScreenHealth screen_health(const LoopView& loop, const Config& config, const KioskHooks& hooks) {
  ScreenHealth h;
  static_cast<LoopMoment&>(h) = loop;
  h.kiosk_id = config.kiosk_id;
  h.safe_mode = hooks.safe_mode.on;
  if (hooks.data_age_s) h.data_age_s = hooks.data_age_s(unix_seconds(h.now));
  h.institution_id = hooks.institution_id;
  h.institution_name = config.org_name;
  plugin_health(loop, h);
  if (hooks.status_fields) h.services = hooks.status_fields(unix_seconds(h.now));
  h.last_problems = problem_journal().recent();
  h.problems_logged = problem_journal().logged();
  return h;
}

nlohmann::json health_json(const ScreenHealth& h) {
  const AdminOverlayInfo& s = h.info;
  nlohmann::json errors = nlohmann::json::array(), problems = nlohmann::json::array();
  for (const auto& e : h.plugin_errors) errors.push_back({{"plugin", e.plugin}, {"error", e.error}});
  for (const auto& p : h.last_problems) problems.push_back(problem_json(p, h.utc_offset_minutes));
  nlohmann::json j = {
      {"schema", kStatusSchema},
      {"kiosk_id", h.kiosk_id},
      {"institution", {{"id", h.institution_id}, {"name", h.institution_name}}},
      {"program_version", s.version},
      {"content_version", s.content_version},
      {"content_dir", h.content_dir},
      {"time", format_iso8601(h.now, h.utc_offset_minutes)},
      {"time_unix", unix_seconds(h.now)},
      {"date", format_date(h.day)},
      {"day", h.day},
      {"uptime_s", h.uptime_s},
      {"screen", h.screen_off ? "off" : "on"},
      {"scene", s.scene},
      {"safe_mode", h.safe_mode},
      {"frames_last_minute", h.frames_last_minute},
      {"frame_ms", {{"p50", s.frame_p50_ms}, {"p99", s.frame_p99_ms}}},
      {"frame_histogram", frame_histogram_json(h.frame_histogram)},
      {"rss_mb", s.rss_mb},
      {"data_age_s", nullptr},
      {"data_sources", h.services.value("data_sources", nlohmann::json::array())},
      {"plugins", {{"errors", errors}, {"disabled", h.disabled_plugins}, {"failures", h.plugin_failures}}},
      {"participation", h.services.value("participation", nlohmann::json::object())},
      {"plays", h.services.value("plays", nlohmann::json::object())},
      {"last_problems", problems},
      {"problems_logged", h.problems_logged},
  };
  if (h.data_age_s) j["data_age_s"] = *h.data_age_s;
  return j;
}

void StatusPublisher::publish_if_due(std::chrono::steady_clock::time_point t, const std::function<ScreenHealth()>& measure) {
  if (!board_ || t - last_ < kEvery) return;
  last_ = t;
  board_->publish(health_json(measure()));
}

}  // namespace eco
