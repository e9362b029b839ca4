#include "status/status_board.h"

#include "base/utf8.h"

namespace eco {
namespace {

void repair_strings(nlohmann::json& j) {
  if (j.is_string()) {
    auto& s = j.get_ref<std::string&>();
    if (!is_valid_utf8(s)) s = to_valid_utf8(s);
  } else if (j.is_structured()) {
    for (auto& item : j) repair_strings(item);
  }
}

}  // namespace

void StatusBoard::publish(nlohmann::json health) {
  repair_strings(health);  // keys come from the frame loop's code, values from logs and plugins
  std::lock_guard lock(m_);
  health_ = std::move(health);
}

nlohmann::json StatusBoard::health() const {
  std::lock_guard lock(m_);
  return health_;
}

std::optional<std::string> StatusBoard::screen(std::chrono::milliseconds timeout) {
  std::unique_lock lock(m_);
  if (closed_) return std::nullopt;
  uint64_t seen = generation_;
  wanted_ = true;
  if (wake_) wake_();
  delivered_.wait_for(lock, timeout, [&] { return generation_ != seen || closed_; });
  if (generation_ == seen) return std::nullopt;
  return png_;
}

void StatusBoard::close() {
  {
    std::lock_guard lock(m_);
    closed_ = true;
    wake_ = nullptr;  // the display it woke is going away
  }
  delivered_.notify_all();
}

void StatusBoard::deliver_screen(std::string png) {
  {
    std::lock_guard lock(m_);
    png_ = std::move(png);
    ++generation_;
    wanted_ = false;
  }
  delivered_.notify_all();
}

void StatusBoard::set_waker(std::function<void()> wake) {
  std::lock_guard lock(m_);
  wake_ = std::move(wake);
}

}  // namespace eco
