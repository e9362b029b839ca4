#include "lua/store_services.h"

#include <algorithm>

#include <spdlog/spdlog.h>

#include "store/database.h"
#include "store/event.h"
#include "store/privacy.h"

namespace eco::lua {

namespace {
constexpr std::chrono::seconds kCacheFor{1};
}

SqliteParticipation::SqliteParticipation(const Clock& clock, store::ParticipationWriter& writer,
                                         const std::filesystem::path& db, std::string kiosk_id,
                                         std::vector<std::string> departments, int events_per_minute)
    : clock_(clock), writer_(writer), kiosk_id_(std::move(kiosk_id)), departments_(std::move(departments)),
      rate_limit_(events_per_minute) {
  try {
    read_.emplace(db.string(), true);
  } catch (const std::exception& e) {
    spdlog::error("participation queries unavailable: {}", e.what());
  }
  rotate_session();
}

void SqliteParticipation::rotate_session() { session_ = store::new_ulid(clock_.now().time_since_epoch().count()); }

void SqliteParticipation::log(const std::string& plugin, const std::string& kind, const nlohmann::json& fields,
                              const std::vector<std::string>& allowed_keys) {
  if (kind.empty() || kind.size() > 64) throw std::invalid_argument("kind must be 1 to 64 characters");
  store::check_payload(fields, allowed_keys, departments_);
  if (!rate_limit_.allow(plugin, clock_.now())) return;
  store::Event e = store::make_event(clock_, kiosk_id_, plugin, kind, fields, session_);
  uint64_t id = 0;
  {
    std::lock_guard lock(pending_->mutex);
    id = pending_->next++;
    pending_->events[id] = {plugin, kind, e.day, fields};
  }
  cache_.clear();
  bool accepted = writer_.enqueue(std::move(e), [pending = pending_, id](const store::Event&, bool committed) {
    pending->done(id, committed);
  });
  if (!accepted) {
    pending_->done(id, false);
    throw std::runtime_error("participation queue full: the record was not kept");
  }
}

void SqliteParticipation::Pending::done(uint64_t id, bool committed) {
  std::lock_guard lock(mutex);
  auto it = events.find(id);
  if (it == events.end()) return;
  if (committed) ++saved[it->second.plugin][it->second.kind];
  events.erase(it);
}

std::map<std::string, std::map<std::string, uint64_t>> SqliteParticipation::saved_by_plugin() const {
  std::lock_guard lock(pending_->mutex);
  return pending_->saved;
}

int64_t SqliteParticipation::pending(const std::string& plugin, const std::string& kind, DayRange days) {
  std::lock_guard lock(pending_->mutex);
  int64_t n = 0;
  for (const auto& [id, e] : pending_->events)
    if (e.plugin == plugin && (kind.empty() || e.kind == kind) && e.day >= days.from && e.day <= days.to) ++n;
  return n;
}

void SqliteParticipation::add_pending_groups(const std::string& plugin, const std::string& kind,
                                             const std::string& group_by, DayRange days,
                                             std::vector<LeaderboardEntry>& rows) {
  std::lock_guard lock(pending_->mutex);
  for (const auto& [id, e] : pending_->events) {
    if (e.plugin != plugin || (!kind.empty() && e.kind != kind) || e.day < days.from || e.day > days.to) continue;
    auto g = e.fields.find(group_by);
    auto group = g == e.fields.end() ? std::nullopt : store::group_text(*g);
    if (!group) continue;
    auto row = std::find_if(rows.begin(), rows.end(), [&](const LeaderboardEntry& r) { return r.key == *group; });
    if (row == rows.end()) rows.push_back({*group, 1});
    else row->value += 1;
  }
}

template <typename T, typename F>
T SqliteParticipation::cached(const std::string& key, F&& query) {
  TimePoint now = clock_.now();
  auto it = cache_.find(key);
  if (it != cache_.end() && now - it->second.first < kCacheFor) return it->second.second.template get<T>();
  T value{};
  if (read_) {
    try {
      value = query(*read_);
    } catch (const std::exception& e) {
      spdlog::warn("participation query failed: {}", e.what());
    }
  }
  cache_[key] = {now, nlohmann::json(value)};
  return value;
}

namespace {
std::string range_key(DayRange days) { return std::to_string(days.from) + "|" + std::to_string(days.to); }
}  // namespace

int64_t SqliteParticipation::count(const std::string& plugin, const std::string& kind, DayRange days) {
  int64_t stored = cached<int64_t>("c|" + plugin + "|" + kind + "|" + range_key(days),
                                   [&](store::Connection& c) { return store::Queries(c).count(plugin, kind, days); });
  return stored + pending(plugin, kind, days);
}

std::vector<LeaderboardEntry> SqliteParticipation::leaderboard(const std::string& plugin, const std::string& kind,
                                                               const std::string& group_by, const std::string& field,
                                                               bool average, int n, DayRange days) {
  auto rows = cached<std::vector<std::pair<std::string, double>>>(
      "l|" + plugin + "|" + kind + "|" + group_by + "|" + field + "|" + std::to_string(average) + "|" + std::to_string(n) +
          "|" + range_key(days),
      [&](store::Connection& c) {
        std::vector<std::pair<std::string, double>> out;
        for (const auto& g : store::Queries(c).leaderboard(plugin, kind, group_by, field, average, n, days))
          out.emplace_back(g.group, g.value);
        return out;
      });
  std::vector<LeaderboardEntry> out;
  for (auto& [k, v] : rows) out.push_back({k, v});
  if (field.empty()) {  // counts per group include what the writer has not committed yet
    add_pending_groups(plugin, kind, group_by, days, out);
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.value > b.value || (a.value == b.value && a.key < b.key); });
    if (n >= 0 && out.size() > static_cast<size_t>(n)) out.resize(static_cast<size_t>(n));
  }
  return out;
}

int SqliteParticipation::streak(const std::string& plugin, const std::string& kind, const std::string& group_by,
                                const std::string& group) {
  int64_t today = clock_.local_now().day_number();
  return cached<int>("s|" + plugin + "|" + kind + "|" + group_by + "|" + group, [&](store::Connection& c) {
    return store::Queries(c).streak(plugin, kind, group_by, group, today);
  });
}

SqliteKeyValue::SqliteKeyValue(const std::filesystem::path& db, size_t cap_bytes)
    : connection_(db.string(), true), kv_(connection_, cap_bytes) {
  connection_.exec("PRAGMA synchronous = NORMAL");  // WAL: durable at checkpoint, no fsync per set
}

std::optional<std::string> SqliteKeyValue::get(const std::string& plugin, const std::string& key) {
  return kv_.get(plugin, key);
}
void SqliteKeyValue::set(const std::string& plugin, const std::string& key, const std::string& value) {
  kv_.set(plugin, key, value);
}
void SqliteKeyValue::remove(const std::string& plugin, const std::string& key) { kv_.remove(plugin, key); }

}  // namespace eco::lua
