#pragma once
// Records participation (and proof of play, store/play.h) without ever making the screen wait: the render thread only appends to
// an in-memory queue (a short mutex, no I/O); a writer thread commits batches (20 ms after the
// first event, or at 256 events) with synchronous=FULL, and sleeps while there is nothing to
// write. An event counts as recorded once its batch committed; the on_commit callback or future
// says so. When the disk refuses (full, read-only, I/O error) the
// batch stays queued in order and is retried; the queue is bounded: the oldest events are kept
// and new ones refused and counted, so nothing already accepted is ever lost to a full disk.
// A batch that fails for another reason is written again event by event, so one event the
// database refuses is set aside (one log line) and never holds up the others.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <variant>

#include "store/event.h"
#include "store/play.h"
#include "store/sqlite.h"

namespace eco::store {

struct WriterOptions {
  std::chrono::milliseconds batch_interval{20};
  size_t batch_max = 256;
  size_t queue_capacity = 50'000;
  std::chrono::milliseconds retry_after{1000};
  // Room left for everything else on the screen: past either limit, new batches wait in memory
  // (degraded, shown in F2 and /status) instead of filling the disk that content updates need.
  uint64_t max_database_bytes = 0;  // 0 = no budget
  uint64_t disk_reserve_bytes = 0;  // free space the writer never uses; 0 = none
  // Called on the writer thread about once an hour when the queue is empty (pruning).
  std::function<void(Connection&)> maintenance;
  std::chrono::minutes maintenance_every{60};
};

struct WriterStats {
  uint64_t accepted = 0, committed = 0, dropped = 0;
  uint64_t rejected = 0;  // events the database refused on their own (set aside, logged), not for lack of room
  uint64_t plays_committed = 0, plays_dropped = 0;  // proof of play, counted apart from the events
  size_t queued = 0;  // events and plays
  bool degraded = false;  // the last write failed; events are waiting in memory
  std::string last_error;
};

class ParticipationWriter {
 public:
  using OnCommit = std::function<void(const Event&, bool committed)>;  // runs on the writer thread

  explicit ParticipationWriter(std::filesystem::path database, WriterOptions options = {});
  ~ParticipationWriter();  // commits what it can, then stops
  ParticipationWriter(const ParticipationWriter&) = delete;
  ParticipationWriter& operator=(const ParticipationWriter&) = delete;

  // False (and counted as dropped) only when the memory queue is full.
  bool enqueue(Event event, OnCommit on_commit = {});
  std::future<bool> enqueue_with_future(Event event);
  // A slot that left the screen; queued like an event (same order, same room). False when full.
  bool enqueue(Play play);
  // Waits until everything accepted so far is committed; false on timeout.
  bool flush(std::chrono::milliseconds timeout);
  WriterStats stats() const;

 private:
  struct Item {
    std::variant<Event, Play> record;
    OnCommit on_commit;  // events only
  };
  bool push(Item item);
  void run();
  std::chrono::milliseconds idle_wait() const;
  void write_batch(const std::vector<const Item*>& batch);
  void check_room(Connection& c) const;
  struct Outcome {
    size_t done = 0;                // items from the front that are finished (committed or set aside)
    std::vector<bool> committed;    // for each finished item
    std::string error;              // why the rest is still waiting; empty when all are done
  };
  Outcome write(const std::vector<const Item*>& batch);

  std::filesystem::path path_;
  WriterOptions options_;
  mutable std::mutex mutex_;
  std::condition_variable wake_, drained_;
  std::deque<Item> queue_;
  WriterStats stats_;
  bool stop_ = false;
  int flushing_ = 0;  // callers waiting in flush()
  std::optional<Connection> connection_;  // writer thread only
  std::chrono::steady_clock::time_point last_maintenance_{};
  std::thread thread_;
};

}  // namespace eco::store
