#pragma once
// The screen's health for the remote status endpoint: what the frame loop knows about itself, as
// the JSON the endpoint serves, left on the StatusBoard about once a second (the loop wakes at
// least that often). The HTTP thread adds what needs the database (status/status_server.h).
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "scene/admin_overlay.h"
#include "status/status_board.h"

namespace eco {

// One moment of the running screen.
struct ScreenHealth {
  AdminOverlayInfo info;  // what the admin overlay shows too
  std::string kiosk_id;
  TimePoint now{};
  int utc_offset_minutes = 0;
  int64_t day = 0;  // local day number
  int64_t uptime_s = 0;
  std::string content_dir;
  bool screen_off = false;
  bool safe_mode = false;
  std::optional<int64_t> data_age_s;  // nullopt without figures
};

nlohmann::json health_json(const ScreenHealth& h);

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
