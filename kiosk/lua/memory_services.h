#pragma once
// In-memory participation and key-value services for `ecolobby plugin test` and unit tests.
// Same rules as the SQLite store: payload allow-list, no personal data, size caps.
#include <map>

#include "base/clock.h"
#include "lua/services.h"
#include "store/event_rate_limit.h"

namespace eco::lua {

struct LoggedEvent {
  std::string plugin, kind;
  nlohmann::json fields;
  int64_t day = 0;
};

class MemoryParticipation : public ParticipationService {
 public:
  // The same rate limit as the screen's store, so `plugin test` sees what the screen would keep.
  explicit MemoryParticipation(const Clock& clock, int events_per_minute = 60)
      : clock_(clock), rate_limit_(events_per_minute) {}
  void log(const std::string& plugin, const std::string& kind, const nlohmann::json& fields,
           const std::vector<std::string>& allowed_keys) override;
  int64_t count(const std::string& plugin, const std::string& kind, DayRange days) override;
  std::vector<LeaderboardEntry> leaderboard(const std::string& plugin, const std::string& kind,
                                            const std::string& group_by, const std::string& field, bool average,
                                            int n, DayRange days) override;
  int streak(const std::string& plugin, const std::string& kind, const std::string& group_by,
             const std::string& group) override;
  const std::vector<LoggedEvent>& events() const { return events_; }

 private:
  int64_t today_number() const { return clock_.local_now().day_number(); }
  const Clock& clock_;
  store::EventRateLimit rate_limit_;
  std::vector<LoggedEvent> events_;
};

class MemoryKeyValue : public KeyValueService {
 public:
  explicit MemoryKeyValue(size_t cap_bytes = 256 * 1024) : cap_(cap_bytes) {}
  std::optional<std::string> get(const std::string& plugin, const std::string& key) override;
  void set(const std::string& plugin, const std::string& key, const std::string& value) override;
  void remove(const std::string& plugin, const std::string& key) override;

 private:
  size_t cap_;
  std::map<std::string, std::map<std::string, std::string>> values_;
};

}  // namespace eco::lua
