#pragma once
// Crash-loop safe mode. Every start of the screen is written down in <data_dir>/starts.json and
// crossed out once the screen has run well (`healthy_after`) or stopped cleanly. When several
// starts within a few minutes were never crossed out, the program keeps dying: the next start is
// in safe mode, with the last content that ran well and the built-in scenes only, so the lobby
// sees a working screen instead of a restart loop, and the administrator sees why.
#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace eco {

struct CrashGuardOptions {
  int failed_starts = 3;                              // this many unfinished starts …
  std::chrono::seconds window{std::chrono::minutes(10)};  // … this recently → safe mode
  std::chrono::seconds healthy_after{std::chrono::minutes(2)};
};

class CrashGuard {
 public:
  CrashGuard(std::filesystem::path data_dir, CrashGuardOptions options = {});

  // Records this start; true when the starts before it say the program is crash-looping.
  bool begin(int64_t now_s);
  // The screen ran well with `content_dir` (or stopped cleanly): the unfinished starts are
  // crossed out and, outside safe mode, the content remembered as the last known good.
  void mark_healthy(const std::filesystem::path& content_dir);
  bool safe_mode() const { return safe_mode_; }
  int recent_failures() const { return recent_failures_; }
  // The content that last ran well, if it still exists.
  std::optional<std::filesystem::path> last_good_content() const;
  const CrashGuardOptions& options() const { return options_; }

 private:
  void save() const;
  std::filesystem::path file_;
  CrashGuardOptions options_;
  std::vector<int64_t> starts_;
  std::string last_good_;
  bool safe_mode_ = false;
  int recent_failures_ = 0;
};

}  // namespace eco
