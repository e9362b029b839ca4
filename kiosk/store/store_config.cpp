#include "store/store_config.h"

#include <spdlog/spdlog.h>

namespace eco::store {

StoreConfig load_store_config(const Config& config) {
  StoreConfig s;
  TomlReader r = config.section("store");
  s.retention_days = static_cast<int>(r.integer("retention_days", 730, 1, 36500));
  auto busy = parse_daily_window(r.string("busy_hours", "07:00-20:00"));
  if (!busy) r.fail("busy_hours", "a time window like \"07:00-20:00\"");
  s.busy_hours = *busy;
  s.memory_queue = static_cast<size_t>(r.integer("memory_queue", 50'000, 100, 10'000'000));
  s.max_db_bytes = static_cast<uint64_t>(r.integer("max_db_mb", 1024, 1, 1 << 20)) << 20;
  s.disk_reserve_bytes = static_cast<uint64_t>(r.integer("disk_reserve_mb", 256, 0, 1 << 20)) << 20;
  s.events_per_minute = static_cast<int>(r.integer("events_per_minute", 60, 0, 100'000));
  for (auto& w : r.unknown_keys()) spdlog::warn("{}", w);
  return s;
}

WriterOptions writer_options(const StoreConfig& config) {
  WriterOptions o;
  o.queue_capacity = config.memory_queue;
  o.max_database_bytes = config.max_db_bytes;
  o.disk_reserve_bytes = config.disk_reserve_bytes;
  return o;
}

}  // namespace eco::store
