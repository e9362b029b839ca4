#pragma once
// What the `participation`, `store` and `data` API tables talk to. The kiosk plugs in the SQLite
// store and the live data snapshot; `plugin test` and unit tests use the in-memory versions in
// memory_services.h, which follow the same rules (payload allow-list, size caps).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "store/queries.h"

namespace eco::lua {

// Local day numbers, both included (participation's windows: today, week, month, days, since).
using store::DayRange;

struct LeaderboardEntry {
  std::string key;  // e.g. a department
  double value = 0;
};

class ParticipationService {
 public:
  virtual ~ParticipationService() = default;
  // Records one event; throws std::invalid_argument with a one-line reason for a payload key not
  // in `allowed_keys` or a value that looks like personal data.
  virtual void log(const std::string& plugin, const std::string& kind, const nlohmann::json& fields,
                   const std::vector<std::string>& allowed_keys) = 0;
  virtual int64_t count(const std::string& plugin, const std::string& kind, DayRange days) = 0;
  // Per value of the payload field `group_by` ("department", "mode"): the number of events, or
  // the sum or average of the numeric `field` over the events that have it; best first, top `n`
  // (negative: all). Values are text: "walk", "3", "true".
  virtual std::vector<LeaderboardEntry> leaderboard(const std::string& plugin, const std::string& kind,
                                                    const std::string& group_by, const std::string& field,
                                                    bool average, int n, DayRange days) = 0;
  // Consecutive days up to today with at least one `kind` event (for `group` if not empty).
  virtual int streak(const std::string& plugin, const std::string& kind, const std::string& group_by,
                     const std::string& group) = 0;
};

class KeyValueService {
 public:
  virtual ~KeyValueService() = default;
  virtual std::optional<std::string> get(const std::string& plugin, const std::string& key) = 0;
  // Throws std::length_error when the plugin's total would exceed its cap.
  virtual void set(const std::string& plugin, const std::string& key, const std::string& value) = 0;
  virtual void remove(const std::string& plugin, const std::string& key) = 0;
};

class DataService {
 public:
  virtual ~DataService() = default;
  // The current snapshot as JSON (figures, targets, rankings, age, stale); nullptr when none.
  virtual std::shared_ptr<const nlohmann::json> snapshot() const = 0;
};

struct Services {
  ParticipationService* participation = nullptr;
  KeyValueService* store = nullptr;
  DataService* data = nullptr;
};

}  // namespace eco::lua
