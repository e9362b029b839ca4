#pragma once
// The kiosk log while a test runs: the default logger writes to a ring buffer (its last
// `capacity` lines) until the CapturedLog goes out of scope, then the logger before it is back.
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/spdlog.h>

namespace eco::lua::fixture {

class CapturedLog {
 public:
  // `pattern` is spdlog's: "%v" the message alone, "%l %v" its level first, "%+" spdlog's default.
  explicit CapturedLog(size_t capacity = 100, const std::string& pattern = "%v")
      : sink_(std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(capacity)), before_(spdlog::default_logger()) {
    auto logger = std::make_shared<spdlog::logger>("captured", sink_);
    logger->set_pattern(pattern);
    spdlog::set_default_logger(logger);
  }
  ~CapturedLog() { spdlog::set_default_logger(before_); }
  CapturedLog(const CapturedLog&) = delete;
  CapturedLog& operator=(const CapturedLog&) = delete;

  // The lines logged so far, without their line ends; with `part`, those that contain it.
  std::vector<std::string> lines(std::string_view part = {}) const {
    std::vector<std::string> out;
    for (std::string line : sink_->last_formatted()) {
      line.erase(line.find_last_not_of("\r\n") + 1);
      if (line.find(part) != std::string::npos) out.push_back(std::move(line));
    }
    return out;
  }

 private:
  std::shared_ptr<spdlog::sinks::ringbuffer_sink_mt> sink_;
  std::shared_ptr<spdlog::logger> before_;
};

}  // namespace eco::lua::fixture
