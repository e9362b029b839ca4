#include "app/crash_guard.h"

#include <algorithm>
#include <fstream>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "base/file_io.h"

namespace eco {

namespace fs = std::filesystem;

CrashGuard::CrashGuard(fs::path data_dir, CrashGuardOptions options)
    : file_(std::move(data_dir) / "starts.json"), options_(options) {
  std::ifstream in(file_);
  if (!in) return;
  try {
    auto j = nlohmann::json::parse(in);
    starts_ = j.value("unfinished_starts", std::vector<int64_t>{});
    last_good_ = j.value("last_good_content", std::string());
  } catch (const std::exception& e) {
    spdlog::warn("{}: unreadable ({}); starting afresh", file_.string(), e.what());
  }
}

bool CrashGuard::begin(int64_t now_s) {
  int64_t since = now_s - options_.window.count();
  std::erase_if(starts_, [since, now_s](int64_t t) { return t < since || t > now_s; });
  recent_failures_ = static_cast<int>(starts_.size());
  safe_mode_ = recent_failures_ >= options_.failed_starts;
  starts_.push_back(now_s);
  save();
  return safe_mode_;
}

void CrashGuard::mark_healthy(const fs::path& content_dir) {
  starts_.clear();  // it runs well now: the crashes before are history
  // Safe mode's content is not evidence that the normal content runs well: keep the old answer.
  if (!safe_mode_) last_good_ = content_dir.string();
  save();
}

std::optional<fs::path> CrashGuard::last_good_content() const {
  std::error_code ec;
  if (last_good_.empty() || !fs::is_directory(last_good_, ec)) return std::nullopt;
  return fs::path(last_good_);
}

void CrashGuard::save() const {
  // Written beside and renamed over, so a crash mid-write never leaves half a file.
  std::error_code ec;
  fs::create_directories(file_.parent_path(), ec);
  std::string error =
      replace_file(file_, nlohmann::json{{"unfinished_starts", starts_}, {"last_good_content", last_good_}}.dump() + "\n");
  if (!error.empty()) spdlog::warn("{}; this start is not recorded, crash-loop detection is off", error);
}

}  // namespace eco
