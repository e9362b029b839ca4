#include "app/problem_journal.h"

#include <cstdio>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/file_io.h"
#include "base/iso8601.h"

namespace eco {
namespace fs = std::filesystem;

ProblemJournal::ProblemJournal() { set_level(spdlog::level::warn); }

ProblemJournal::~ProblemJournal() { detach(); }

void ProblemJournal::sink_it_(const spdlog::details::log_msg& msg) {
  Problem p;
  p.time_ms = std::chrono::duration_cast<std::chrono::milliseconds>(msg.time.time_since_epoch()).count();
  p.level = msg.level == spdlog::level::warn ? "warning" : msg.level == spdlog::level::err ? "error" : "critical";
  p.message.assign(msg.payload.data(), msg.payload.size());
  ++logged_[p.level];
  problems_.push_back(std::move(p));
  while (problems_.size() > kMax) problems_.pop_front();
  {
    std::lock_guard lock(file_mutex_);  // always after the sink's mutex_, never before
    if (file_.empty()) return;
    dirty_ = true;
  }
  wake_.notify_all();
}

std::vector<Problem> ProblemJournal::recent(size_t max) {
  std::lock_guard lock(mutex_);
  size_t skip = problems_.size() > max ? problems_.size() - max : 0;
  return {problems_.begin() + static_cast<std::ptrdiff_t>(skip), problems_.end()};
}

std::map<std::string, uint64_t> ProblemJournal::logged() {
  std::lock_guard lock(mutex_);
  std::map<std::string, uint64_t> counts{{"warning", 0}, {"error", 0}};  // counters exist from the start
  for (const auto& [level, n] : logged_) counts[level] = n;
  return counts;
}

std::vector<std::string> ProblemJournal::recent_lines(size_t max, int offset) {
  std::vector<std::string> lines;
  for (const Problem& p : recent(max)) {
    LocalTime t = to_local(TimePoint{std::chrono::milliseconds{p.time_ms}}, offset);
    lines.push_back(fmt::format("{:02}:{:02}:{:02} {} {}", t.hour, t.minute, t.second, p.level, p.message));
  }
  return lines;
}

nlohmann::json ProblemJournal::to_json(const std::vector<Problem>& problems) {
  nlohmann::json list = nlohmann::json::array();
  for (const Problem& p : problems) list.push_back({{"time_ms", p.time_ms}, {"level", p.level}, {"message", p.message}});
  return {{"schema", 1}, {"problems", list}};
}

std::vector<Problem> ProblemJournal::from_json(const nlohmann::json& j) {
  if (j.at("schema").get<int>() != 1) throw std::runtime_error("unknown schema " + j.at("schema").dump());
  std::vector<Problem> out;
  for (const auto& p : j.at("problems"))
    out.push_back({p.at("time_ms").get<int64_t>(), p.at("level").get<std::string>(), p.at("message").get<std::string>()});
  return out;
}

void ProblemJournal::attach(const fs::path& file) {
  detach();
  std::string bad;
  std::vector<Problem> kept;
  if (auto text = read_whole_file(file)) {
    try {
      kept = from_json(nlohmann::json::parse(*text));
    } catch (const std::exception& e) {
      bad = e.what();
      std::error_code ec;
      fs::rename(file, fs::path(file.string() + ".bad"), ec);
    }
  }
  {
    std::lock_guard lock(mutex_);
    problems_.insert(problems_.begin(), kept.begin(), kept.end());  // from before this start
    while (problems_.size() > kMax) problems_.pop_front();
  }
  {
    std::lock_guard lock(file_mutex_);
    file_ = file;
    dirty_ = true;
    stop_ = false;
  }
  writer_ = std::thread([this] { write_loop(); });
  if (!bad.empty()) spdlog::warn("{}: unreadable ({}); kept as {}.bad, starting a new list", file.string(), bad, file.string());
}

void ProblemJournal::detach() {
  {
    std::lock_guard lock(file_mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  if (writer_.joinable()) writer_.join();
  std::lock_guard lock(file_mutex_);
  file_.clear();
  dirty_ = false;
}

void ProblemJournal::write_loop() {
  std::unique_lock lock(file_mutex_);
  while (true) {
    wake_.wait(lock, [&] { return dirty_ || stop_; });
    if (!dirty_) break;  // stopping, everything saved
    dirty_ = false;
    fs::path file = file_;
    lock.unlock();
    std::string text = to_json(recent()).dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    // Not through spdlog: a failure to save a problem would be a problem to save, again.
    if (std::string error = replace_file(file, text); !error.empty()) std::fprintf(stderr, "ecolobby: %s\n", error.c_str());
    lock.lock();
    // At most once a second: a storm of warnings costs one write, not one per line.
    wake_.wait_for(lock, std::chrono::seconds(1), [&] { return stop_; });
  }
}

std::shared_ptr<ProblemJournal> problem_journal_sink() {
  static auto journal = std::make_shared<ProblemJournal>();
  return journal;
}

PersistedProblems::PersistedProblems(const fs::path& data_dir) { problem_journal().attach(data_dir / "problems.json"); }

PersistedProblems::~PersistedProblems() { problem_journal().detach(); }

}  // namespace eco
