#pragma once
// The plugin services backed by the real SQLite store: participation.log goes through the
// ParticipationWriter (never blocking the frame), queries read a WAL connection with results
// cached for a second (plugins ask every frame), and the plugin store uses its own connection
// with synchronous=NORMAL so a store.set never waits for an fsync on the render thread.
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <tuple>

#include "base/clock.h"
#include "lua/services.h"
#include "store/event_rate_limit.h"
#include "store/key_value.h"
#include "store/participation_writer.h"
#include "store/queries.h"

namespace eco::lua {

// Events over the per-plugin rate (store/event_rate_limit.h) are not recorded.
class SqliteParticipation : public ParticipationService {
 public:
  SqliteParticipation(const Clock& clock, store::ParticipationWriter& writer, const std::filesystem::path& db,
                      std::string kiosk_id, std::vector<std::string> departments, int events_per_minute = 60);
  void log(const std::string& plugin, const std::string& kind, const nlohmann::json& fields,
           const std::vector<std::string>& allowed_keys) override;
  int64_t count(const std::string& plugin, const std::string& kind, DayRange days) override;
  std::vector<LeaderboardEntry> leaderboard(const std::string& plugin, const std::string& kind,
                                            const std::string& group_by, const std::string& field, bool average,
                                            int n, DayRange days) override;
  int streak(const std::string& plugin, const std::string& kind, const std::string& group_by,
             const std::string& group) override;
  // A new anonymous session when the screen returns to idle.
  void rotate_session();
  uint64_t rate_limited() const { return rate_limit_.refused(); }
  // Events committed since the start, per plugin and kind (/status participation.saved_by_plugin,
  // /metrics ecolobby_participation_events_total). Any thread.
  std::map<std::string, std::map<std::string, uint64_t>> saved_by_plugin() const;

 private:
  template <typename T, typename F>
  T cached(const std::string& key, F&& query);
  int64_t pending(const std::string& plugin, const std::string& kind, DayRange days);
  void add_pending_groups(const std::string& plugin, const std::string& kind, const std::string& group_by,
                          DayRange days, std::vector<LeaderboardEntry>& rows);
  const Clock& clock_;
  store::ParticipationWriter& writer_;
  std::optional<store::Connection> read_;
  std::string kiosk_id_, session_;
  std::vector<std::string> departments_;
  std::map<std::string, std::pair<TimePoint, nlohmann::json>> cache_;
  store::EventRateLimit rate_limit_;
  // Events accepted but not yet committed, counted so queries (counts, and counts per group)
  // include them. Shared with the writer's commit callbacks, which run on its thread and may
  // outlive this object at shutdown.
  struct Pending {
    struct Entry {
      std::string plugin, kind;
      int64_t day;
      nlohmann::json fields;
    };
    mutable std::mutex mutex;
    std::map<uint64_t, Entry> events;
    std::map<std::string, std::map<std::string, uint64_t>> saved;  // plugin → kind → committed
    uint64_t next = 0;
    void done(uint64_t id, bool committed);
  };
  std::shared_ptr<Pending> pending_ = std::make_shared<Pending>();
};

class SqliteKeyValue : public KeyValueService {
 public:
  explicit SqliteKeyValue(const std::filesystem::path& db, size_t cap_bytes = 256 * 1024);
  std::optional<std::string> get(const std::string& plugin, const std::string& key) override;
  void set(const std::string& plugin, const std::string& key, const std::string& value) override;
  void remove(const std::string& plugin, const std::string& key) override;

 private:
  store::Connection connection_;
  store::PluginKeyValue kv_;
};

}  // namespace eco::lua
