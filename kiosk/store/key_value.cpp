#include "store/key_value.h"

#include <stdexcept>

namespace eco::store {

std::optional<std::string> PluginKeyValue::get(const std::string& plugin, const std::string& key) {
  Statement s = c_.prepare("SELECT value FROM plugin_kv WHERE plugin = ? AND key = ?");
  s.bind(1, plugin).bind(2, key);
  if (!s.step()) return std::nullopt;
  return s.column_text(0);
}

void PluginKeyValue::set(const std::string& plugin, const std::string& key, const std::string& value) {
  Transaction t(c_);
  Statement used = c_.prepare("SELECT coalesce(sum(length(key) + length(value)), 0) FROM plugin_kv WHERE plugin = ? AND key != ?");
  used.bind(1, plugin).bind(2, key);
  used.step();
  if (static_cast<size_t>(used.column_int(0)) + key.size() + value.size() > cap_)
    throw std::length_error("store: over the plugin's " + std::to_string(cap_ / 1024) + " KB");
  Statement s = c_.prepare("INSERT INTO plugin_kv(plugin, key, value) VALUES(?, ?, ?) "
                           "ON CONFLICT(plugin, key) DO UPDATE SET value = excluded.value");
  s.bind(1, plugin).bind(2, key).bind(3, value);
  s.step();
  t.commit();
}

void PluginKeyValue::remove(const std::string& plugin, const std::string& key) {
  Statement s = c_.prepare("DELETE FROM plugin_kv WHERE plugin = ? AND key = ?");
  s.bind(1, plugin).bind(2, key);
  s.step();
}

void Cache::put(const std::string& key, const std::string& value, int64_t now_ms) {
  Statement s = c_.prepare("INSERT INTO cache(key, value, updated_ms) VALUES(?, ?, ?) "
                           "ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_ms = excluded.updated_ms");
  s.bind(1, key).bind(2, value).bind(3, now_ms);
  s.step();
}

std::optional<std::string> Cache::get(const std::string& key) {
  Statement s = c_.prepare("SELECT value FROM cache WHERE key = ?");
  s.bind(1, key);
  if (!s.step()) return std::nullopt;
  return s.column_text(0);
}

}  // namespace eco::store
