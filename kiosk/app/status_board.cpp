#include "app/status_board.h"

namespace eco {
namespace {

// Length of the well-formed UTF-8 sequence at s[i] (RFC 3629: no overlongs, no surrogates,
// nothing above U+10FFFF), or 0.
size_t utf8_sequence(std::string_view s, size_t i) {
  auto at = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = at(i);
  if (c < 0x80) return 1;
  size_t n = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  unsigned char lo = 0x80, hi = 0xBF;  // the second byte's range
  if (c == 0xE0) lo = 0xA0;
  if (c == 0xED) hi = 0x9F;
  if (c == 0xF0) lo = 0x90;
  if (c == 0xF4) hi = 0x8F;
  if (at(i + 1) < lo || at(i + 1) > hi) return 0;
  for (size_t k = 2; k < n; ++k)
    if (at(i + k) < 0x80 || at(i + k) > 0xBF) return 0;
  return n;
}

void repair_strings(nlohmann::json& j) {
  if (j.is_string()) {
    auto& s = j.get_ref<std::string&>();
    std::string fixed = valid_utf8(s);
    if (fixed.size() != s.size() || fixed != s) s = std::move(fixed);
  } else if (j.is_structured()) {
    for (auto& item : j) repair_strings(item);
  }
}

}  // namespace

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    if (size_t n = utf8_sequence(s, i)) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    }
  }
  return out;
}

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
