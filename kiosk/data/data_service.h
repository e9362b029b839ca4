#pragma once
// The kiosk's live data: a worker thread fetches every source on its own interval (backing off
// with jitter when one fails), parses and checks what arrives, recomputes the figures every
// minute, and publishes an immutable JSON snapshot that scenes and plugins read without locks.
// A source that sends something unusable keeps its last good data. The last good snapshot is
// handed to `persist` and given back as `cached` at the next start, so an offline reboot still
// shows figures, with their age.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>

#include <nlohmann/json.hpp>

#include "base/locale.h"
#include "base/utf8.h"  // utf8_prefix, for overlay_line
#include "data/data_config.h"
#include "data/consumption.h"
#include "data/feed.h"
#include "data/targets.h"

namespace eco::data {

struct SourceStatus {
  std::string url;  // redacted
  bool ok = false;
  std::string error;          // the last failure, one line
  int64_t last_success = 0;   // kiosk time, UTC seconds; 0 = never
  int failures = 0;           // consecutive
  size_t problems = 0;        // in the last body taken
  std::chrono::seconds retry_in{0};
};

class DataService {
 public:
  struct Options {
    DataConfig config;
    std::function<int64_t()> now;                       // kiosk time in UTC seconds
    std::function<void(const std::string&)> persist;    // the last good snapshot, as JSON text
    std::optional<std::string> cached;                  // what persist wrote last time
    std::function<void()> published;                    // new figures are out (wakes the screen)
    // New readings are recomputed at once; this only moves "today" past midnight and marks old
    // data stale (a 30-minute limit), so every five minutes is plenty and an idle screen stays idle.
    std::chrono::seconds recompute_every{300};
  };

  explicit DataService(Options options);
  ~DataService();  // stops the worker; an ongoing transfer ends within its timeout
  DataService(const DataService&) = delete;
  DataService& operator=(const DataService&) = delete;

  // The current snapshot (see docs/feed-format.md); nullptr before any figures exist.
  std::shared_ptr<const nlohmann::json> snapshot() const { return snapshot_.load(); }
  std::vector<SourceStatus> status() const;
  // One line for the admin overlay, in `locale` (assets/locale, overlay.data_*): "2 个数据源 ·
  // 数据更新于 09:15 · https://… 失败 1 次 (HTTP 500), 30 秒后重试".
  std::string overlay_line(const Locale& locale) const;
  // Fetches every source now (the admin overlay's refresh, tests).
  void refresh();
  // Counts snapshots published, for tests to wait on.
  uint64_t generation() const { return generation_.load(); }

 private:
  struct Source;
  void run();
  bool poll(Source& s);
  void rebuild_consumption();
  void publish(bool persist);

  Options options_;
  std::unique_ptr<FactorSet> factors_;
  std::unique_ptr<Plan> plan_;
  std::string setup_error_;
  std::vector<std::unique_ptr<Source>> sources_;
  Feed merged_;                     // worker only: every source's last good feed, merged (2+ sources)
  Feed* current_ = nullptr;         // worker only: merged_, or the one source's feed
  std::vector<MeterSeries> series_;  // worker only: consumption of *current_
  std::atomic<std::shared_ptr<const nlohmann::json>> snapshot_;
  std::atomic<uint64_t> generation_{0};

  mutable std::mutex mutex_;  // guards status and the wake flags
  std::condition_variable wake_;
  bool stop_ = false, refresh_ = false;
  std::atomic<bool> stopping_{false};  // read by an ongoing transfer, which then gives up
  std::thread worker_;
};

}  // namespace eco::data
