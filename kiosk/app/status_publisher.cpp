#include "app/status_publisher.h"

namespace eco {

nlohmann::json health_json(const ScreenHealth& h) {
  const AdminOverlayInfo& s = h.info;
  nlohmann::json j = {
      {"version", s.version},
      {"kiosk_id", h.kiosk_id},
      {"time", format_iso8601(h.now, h.utc_offset_minutes)},
      {"date", format_date(h.day)},
      {"day", h.day},
      {"uptime_s", h.uptime_s},
      {"content_version", s.content_version},
      {"content_dir", h.content_dir},
      {"screen", h.screen_off ? "off" : "on"},
      {"scene", s.scene},
      {"fps", s.fps},
      {"frame_ms", {{"p50", s.frame_p50_ms}, {"p99", s.frame_p99_ms}}},
      {"rss_mb", s.rss_mb},
      {"safe_mode", h.safe_mode},
      {"data", s.data_age},
      {"data_age_s", nullptr},
      {"participation", s.participation},
      {"updates", s.updates},
      {"last_errors", s.problems},
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
