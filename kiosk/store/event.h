#pragma once
// One anonymous participation record: a quiz answer, a pledge, a clean-plate check-in.
#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "base/clock.h"

namespace eco::store {

struct Event {
  std::string id;          // ULID: sortable by time, unique, safe to retry (idempotent)
  int64_t ts_ms = 0;       // UTC milliseconds
  int64_t day = 0;         // local day number (days since 1970-01-01)
  std::string local_date;  // "2026-06-24"
  std::string kiosk, plugin, campaign, kind;
  std::string department;  // optional, from the configured list
  std::string session;     // anonymous, rotates when the screen returns to idle
  nlohmann::json payload = nlohmann::json::object();
};

// A ULID (26 characters, Crockford base 32): 48 bits of milliseconds + 80 random bits.
std::string new_ulid(int64_t ts_ms);

// The text a plain payload value is grouped under, as the daily_groups rollup writes it: text as
// it is, integers and booleans written out ("3", "true"). nullopt for null, tables and arrays.
std::optional<std::string> group_text(const nlohmann::json& value);

// Fills id (if empty), timestamps and dates from `clock`.
Event make_event(const Clock& clock, std::string kiosk, std::string plugin, std::string kind,
                 nlohmann::json payload, std::string session = {});

}  // namespace eco::store
