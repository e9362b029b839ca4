#pragma once
// Where the frame loop leaves the screen's health for the remote status endpoint, and how the
// endpoint asks for the current picture: the HTTP thread never touches the renderer, it asks
// and the frame loop answers with the next frame it draws.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace eco {

class StatusBoard {
 public:
  // Frame loop, about once a second. Strings that are not valid UTF-8 (a plugin's error text
  // with stray bytes, in the recent log lines) are repaired here, U+FFFD for each bad byte, so the
  // health always serializes as valid JSON.
  void publish(nlohmann::json health);
  nlohmann::json health() const;

  // HTTP thread: the next frame as PNG, or nullopt when none came within `timeout`.
  std::optional<std::string> screen(std::chrono::milliseconds timeout);
  // Frame loop: someone is waiting for a picture (draw one now).
  bool screen_wanted() const { return wanted_.load(); }
  void deliver_screen(std::string png);
  // How the HTTP thread wakes a sleeping frame loop (an SDL event).
  void set_waker(std::function<void()> wake);
  // Frame loop, as it stops: no frame will come any more, so a waiting request gets none at once
  // instead of holding up the shutdown until its timeout.
  void close();

 private:
  mutable std::mutex m_;
  std::condition_variable delivered_;
  nlohmann::json health_ = nlohmann::json::object();
  std::string png_;
  uint64_t generation_ = 0;
  std::atomic<bool> wanted_{false};
  bool closed_ = false;
  std::function<void()> wake_;
};

}  // namespace eco
