#include "store/participation_writer.h"

#include <sqlite3.h>
#include <sys/statvfs.h>

#include <algorithm>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/thread_guard.h"
#include "base/utf8.h"
#include "store/database.h"

namespace eco::store {

ParticipationWriter::ParticipationWriter(std::filesystem::path database, WriterOptions options)
    : path_(std::move(database)), options_(options), thread_([this] { run(); }) {}

ParticipationWriter::~ParticipationWriter() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

bool ParticipationWriter::enqueue(Event event, OnCommit on_commit) { return push({std::move(event), std::move(on_commit)}); }

bool ParticipationWriter::enqueue(Play play) { return push({std::move(play), {}}); }

bool ParticipationWriter::push(Item item) {
  {
    std::lock_guard lock(mutex_);
    bool play = std::holds_alternative<Play>(item.record);
    if (queue_.size() >= options_.queue_capacity) {
      ++(play ? stats_.plays_dropped : stats_.dropped);
      return false;
    }
    queue_.push_back(std::move(item));
    if (!play) ++stats_.accepted;
    // The writer sleeps while the queue is empty: wake it for the first event and for a full batch.
    if (queue_.size() != 1 && queue_.size() < options_.batch_max) return true;
  }
  wake_.notify_one();
  return true;
}

std::future<bool> ParticipationWriter::enqueue_with_future(Event event) {
  auto promise = std::make_shared<std::promise<bool>>();
  auto future = promise->get_future();
  if (!enqueue(std::move(event), [promise](const Event&, bool ok) { promise->set_value(ok); })) promise->set_value(false);
  return future;
}

bool ParticipationWriter::flush(std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  ++flushing_;  // the writer stops gathering its batch and writes now
  wake_.notify_one();
  bool drained = drained_.wait_for(lock, timeout, [this] { return queue_.empty(); });
  --flushing_;
  return drained;
}

WriterStats ParticipationWriter::stats() const {
  std::lock_guard lock(mutex_);
  WriterStats s = stats_;
  s.queued = queue_.size();
  return s;
}

namespace {

// Not the disk's fault and not the event's: the budget in WriterOptions says stop.
struct NoRoom : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace

void ParticipationWriter::check_room(Connection& c) const {
  if (options_.max_database_bytes) {
    auto used = static_cast<uint64_t>(c.scalar_int("SELECT (SELECT page_count FROM pragma_page_count()) - "
                                                   "(SELECT freelist_count FROM pragma_freelist_count())") *
                                      c.scalar_int("PRAGMA page_size"));
    if (used >= options_.max_database_bytes)
      throw NoRoom(fmt::format("the database holds {} MB, its budget ([store] max_db_mb = {}); new records wait in memory "
                               "until retention prunes old ones or the budget is raised",
                               used >> 20, options_.max_database_bytes >> 20));
  }
  if (options_.disk_reserve_bytes) {
    struct statvfs fs {};
    if (statvfs(path_.parent_path().c_str(), &fs) == 0) {
      uint64_t free = static_cast<uint64_t>(fs.f_bavail) * fs.f_frsize;
      if (free < options_.disk_reserve_bytes)
        throw NoRoom(fmt::format("only {} MB free on the data disk, under the {} MB kept for content updates "
                                 "([store] disk_reserve_mb); new records wait in memory",
                                 free >> 20, options_.disk_reserve_bytes >> 20));
    }
  }
}

ParticipationWriter::Outcome ParticipationWriter::write(const std::vector<const Item*>& batch) {
  // Whose fault a failure is decides what happens: no room (disk, budget) and a broken
  // database are the screen's, and the batch waits; anything else is the event's.
  enum class Fault { None, Room, Database, Event };
  std::string error;
  auto attempt = [&](const std::vector<const Item*>& items) {
    try {
      if (!connection_) connection_.emplace(open_database(path_).connection);
      check_room(*connection_);
      write_batch(items);
      return Fault::None;
    } catch (const NoRoom& e) {
      error = e.what();
      return Fault::Room;
    } catch (const SqliteError& e) {
      error = e.what();
      if (e.disk_problem()) return Fault::Room;
      if (e.code == SQLITE_TOOBIG || e.code == SQLITE_CONSTRAINT || e.code == SQLITE_MISMATCH || e.code == SQLITE_RANGE)
        return Fault::Event;
      connection_.reset();  // reopen (and recover a corrupt file) next time
      return Fault::Database;
    } catch (const std::exception& e) {  // the payload cannot be written as JSON, and the like
      error = e.what();
      return Fault::Event;
    }
  };
  Outcome out;
  Fault fault = attempt(batch);
  if (fault == Fault::None) {
    out.done = batch.size();
    out.committed.assign(batch.size(), true);
    return out;
  }
  if (fault != Fault::Event) {
    out.error = error;
    return out;
  }
  // Something in the batch: find it by writing one event at a time.
  for (const Item* item : batch) {
    fault = attempt({item});
    if (fault == Fault::Room || fault == Fault::Database) {
      out.error = error;
      return out;
    }
    if (fault == Fault::Event) {
      if (const Event* e = std::get_if<Event>(&item->record))
        spdlog::error("participation: event {} ({} {}) cannot be stored ({}); set aside, the others are written",
                      e->id, utf8_excerpt(e->plugin, 64), utf8_excerpt(e->kind, 64), utf8_excerpt(error, 200));
      else
        spdlog::error("proof of play: a play of {} cannot be stored ({}); set aside, the others are written",
                      utf8_excerpt(std::get<Play>(item->record).item, 64), utf8_excerpt(error, 200));
    }
    out.committed.push_back(fault == Fault::None);
    ++out.done;
  }
  return out;
}

void ParticipationWriter::write_batch(const std::vector<const Item*>& batch) {
  Connection& c = *connection_;
  Transaction t(c);
  Statement insert = c.prepare(
      "INSERT OR IGNORE INTO events(id, ts_ms, day, local_date, kiosk, plugin, campaign, kind, department, session, payload) "
      "VALUES(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  Statement rollup = c.prepare(
      "INSERT INTO daily(plugin, kind, day, department, n, score_sum) VALUES(?, ?, ?, ?, 1, ?) "
      "ON CONFLICT(plugin, kind, day, department) DO UPDATE SET n = n + 1, score_sum = score_sum + excluded.score_sum");
  Statement groups = c.prepare(group_rollup_sql());
  for (const Item* item : batch) {
    if (const Play* play = std::get_if<Play>(&item->record)) {
      insert_play(c, *play);
      continue;
    }
    const Event& e = std::get<Event>(item->record);
    insert.bind(1, e.id).bind(2, e.ts_ms).bind(3, e.day).bind(4, e.local_date).bind(5, e.kiosk).bind(6, e.plugin);
    insert.bind(7, e.campaign).bind(8, e.kind);
    if (e.department.empty()) insert.bind_null(9);
    else insert.bind(9, e.department);
    if (e.session.empty()) insert.bind_null(10);
    else insert.bind(10, e.session);
    std::string payload = e.payload.dump();
    insert.bind(11, payload);
    insert.step();
    insert.reset();
    if (c.scalar_int("SELECT changes()") == 0) continue;  // a retried id: already counted
    double score = e.payload.is_object() && e.payload.contains("score") && e.payload["score"].is_number()
                       ? e.payload["score"].get<double>()
                       : 0.0;
    rollup.bind(1, e.plugin).bind(2, e.kind).bind(3, e.day).bind(4, e.department).bind(5, score);
    rollup.step();
    rollup.reset();
    groups.bind(1, e.plugin).bind(2, e.kind).bind(3, e.day).bind(4, payload);
    groups.step();
    groups.reset();
  }
  t.commit();
}

std::chrono::milliseconds ParticipationWriter::idle_wait() const {
  if (!options_.maintenance) return std::chrono::hours{1};
  auto due = last_maintenance_ + options_.maintenance_every - std::chrono::steady_clock::now();
  return std::clamp(std::chrono::duration_cast<std::chrono::milliseconds>(due), options_.batch_interval,
                    std::chrono::milliseconds{std::chrono::hours{1}});
}

void ParticipationWriter::run() {
  std::unique_lock lock(mutex_);
  bool failing = false;
  while (true) {
    if (failing) {
      wake_.wait_for(lock, options_.retry_after, [this] { return stop_; });
    } else {
      if (queue_.empty() && !stop_) {
        // Idle: sleep until the first event (or maintenance is due), so that a screen nobody
        // touches does not wake this thread 50 times a second.
        drained_.notify_all();
        wake_.wait_for(lock, idle_wait(), [this] { return stop_ || !queue_.empty(); });
      }
      // Then gather a batch: more taps often follow within milliseconds.
      wake_.wait_for(lock, options_.batch_interval,
                     [this] { return stop_ || flushing_ > 0 || queue_.size() >= options_.batch_max; });
    }
    if (queue_.empty()) {
      drained_.notify_all();
      if (stop_) break;
      auto now = std::chrono::steady_clock::now();
      if (options_.maintenance && now - last_maintenance_ >= options_.maintenance_every) {
        last_maintenance_ = now;
        lock.unlock();
        guarded("participation maintenance", [&] {
          if (!connection_) connection_.emplace(open_database(path_).connection);
          options_.maintenance(*connection_);
        });
        lock.lock();
      }
      continue;
    }
    std::vector<const Item*> batch;
    for (size_t i = 0; i < queue_.size() && batch.size() < options_.batch_max; ++i) batch.push_back(&queue_[i]);
    lock.unlock();  // deque references stay valid: only this thread pops, pushes go to the back
    Outcome outcome = write(batch);
    lock.lock();
    if (outcome.done > 0) {
      std::vector<std::pair<Item, bool>> done;
      for (size_t i = 0; i < outcome.done; ++i) {
        bool play = std::holds_alternative<Play>(queue_.front().record);
        done.emplace_back(std::move(queue_.front()), outcome.committed[i]);
        queue_.pop_front();
        if (play) stats_.plays_committed += outcome.committed[i];
        else if (outcome.committed[i]) ++stats_.committed;
        else ++stats_.rejected;
      }
      if (failing && outcome.error.empty())
        spdlog::info("participation: writing again; {} records were waiting", done.size() + queue_.size());
      lock.unlock();
      for (auto& entry : done) {  // not a structured binding: clang 14 cannot capture one
        Item& item = entry.first;
        bool committed = entry.second;
        if (item.on_commit) guarded("participation writer", [&] { item.on_commit(std::get<Event>(item.record), committed); });
      }
      lock.lock();
    }
    if (outcome.error.empty()) {
      failing = false;
      stats_.degraded = false;
    } else {
      const std::string& error = outcome.error;
      if (!failing || error != stats_.last_error)
        spdlog::error("participation: cannot write ({}); {} records held in memory, retrying", error, queue_.size());
      failing = true;
      stats_.degraded = true;
      stats_.last_error = error;
      if (stop_) {  // shutting down on a dead disk: report what could not be saved
        spdlog::error("participation: {} records could not be written before exit", queue_.size());
        std::deque<Item> lost;
        lost.swap(queue_);
        lock.unlock();
        for (auto& item : lost)
          if (item.on_commit) guarded("participation writer", [&] { item.on_commit(std::get<Event>(item.record), false); });
        lock.lock();
        break;
      }
    }
  }
  drained_.notify_all();
}

}  // namespace eco::store
