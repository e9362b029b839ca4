#pragma once
// Small per-plugin key-value storage (the Lua `store` table) and the cache other parts use (the
// data feed keeps its last good snapshot there). Both live in the same database file.
#include <optional>
#include <string>

#include "store/sqlite.h"

namespace eco::store {

class PluginKeyValue {
 public:
  PluginKeyValue(Connection& c, size_t cap_bytes = 256 * 1024) : c_(c), cap_(cap_bytes) {}
  std::optional<std::string> get(const std::string& plugin, const std::string& key);
  // Throws std::length_error when the plugin's keys and values would exceed the cap.
  void set(const std::string& plugin, const std::string& key, const std::string& value);
  void remove(const std::string& plugin, const std::string& key);

 private:
  Connection& c_;
  size_t cap_;
};

class Cache {
 public:
  explicit Cache(Connection& c) : c_(c) {}
  void put(const std::string& key, const std::string& value, int64_t now_ms);
  std::optional<std::string> get(const std::string& key);

 private:
  Connection& c_;
};

}  // namespace eco::store
