#include "app/status_publisher.h"

namespace eco {

nlohmann::json problem_json(const Problem& p, int utc_offset_minutes) {
  return {{"time", format_iso8601(TimePoint{std::chrono::milliseconds{p.time_ms}}, utc_offset_minutes)},
          {"time_ms", p.time_ms},
          {"level", p.level},
          {"message", p.message}};
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
      {"rss_mb", s.rss_mb},
      {"data_age_s", nullptr},
      {"data_sources", h.services.value("data_sources", nlohmann::json::array())},
      {"plugins", {{"errors", errors}, {"disabled", h.disabled_plugins}}},
      {"participation", h.services.value("participation", nlohmann::json::object())},
      {"last_problems", problems},
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
