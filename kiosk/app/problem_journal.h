#pragma once
// The screen's last problems (warnings and errors from the log), kept across restarts: a rollback
// minutes before a restart is still there for the administrator and the status endpoint. An
// spdlog sink holds the last kMax in memory; once a screen attaches its file
// (data_dir/problems.json) a writer thread of its own saves them, atomically, at most once a
// second, so a log line never waits for the disk.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/base_sink.h>

namespace eco {

struct Problem {
  int64_t time_ms = 0;  // UTC
  std::string level;    // "warning" or "error" (spdlog's "critical" too)
  std::string message;
};

class ProblemJournal : public spdlog::sinks::base_sink<std::mutex> {
 public:
  static constexpr size_t kMax = 50;
  ProblemJournal();
  ~ProblemJournal() override;

  // Oldest first; at most `max`.
  std::vector<Problem> recent(size_t max = kMax);
  // Problems logged by this process, per level ("warning", "error", "critical"): a counter for
  // /metrics (ecolobby_problems_total), unlike recent() neither capped nor loaded from the file.
  std::map<std::string, uint64_t> logged();
  // "HH:MM:SS level message" in UTC + `utc_offset_minutes`, for the F2 overlay.
  std::vector<std::string> recent_lines(size_t max, int utc_offset_minutes);

  // Loads what `file` kept (a damaged file is set aside as `<file>.bad`, and the journal starts
  // empty) before the problems logged so far, and saves to it from now on until detach().
  void attach(const std::filesystem::path& file);
  // Saves what is pending and stops the writer thread.
  void detach();

  // The file's contents: {"schema": 1, "problems": [{"time_ms", "level", "message"}]}.
  static nlohmann::json to_json(const std::vector<Problem>& problems);
  // Throws on anything that is not that shape.
  static std::vector<Problem> from_json(const nlohmann::json& j);

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override;
  void flush_() override {}

 private:
  void write_loop();
  std::deque<Problem> problems_;  // under base_sink's mutex_
  std::map<std::string, uint64_t> logged_;  // under base_sink's mutex_ too
  std::mutex file_mutex_;
  std::condition_variable wake_;
  std::filesystem::path file_;
  bool dirty_ = false, stop_ = false;
  std::thread writer_;
};

// The process's journal: the sink logging.cpp installs.
std::shared_ptr<ProblemJournal> problem_journal_sink();
inline ProblemJournal& problem_journal() { return *problem_journal_sink(); }

// Attaches data_dir/problems.json for the life of this object (the running screen's services).
class PersistedProblems {
 public:
  explicit PersistedProblems(const std::filesystem::path& data_dir);
  ~PersistedProblems();
  PersistedProblems(const PersistedProblems&) = delete;
  PersistedProblems& operator=(const PersistedProblems&) = delete;
};

}  // namespace eco
