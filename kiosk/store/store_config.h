#pragma once
// The [store] section, read in one place for the kiosk and the store commands alike.
#include <cstdint>

#include "base/config.h"
#include "base/daily_window.h"
#include "store/participation_writer.h"

namespace eco::store {

struct StoreConfig {
  int retention_days = 730;
  DailyWindow busy_hours;        // no automatic pruning inside it
  size_t memory_queue = 50'000;  // events held in memory while the disk refuses writes
  uint64_t max_db_bytes = 1024ull << 20;
  uint64_t disk_reserve_bytes = 256ull << 20;  // left free for content updates
  int events_per_minute = 60;                  // per plugin; 0 = no limit
};

// Throws ConfigError naming file:line and key.
StoreConfig load_store_config(const Config& config);

// The writer's part of it (maintenance is the caller's).
WriterOptions writer_options(const StoreConfig& config);

}  // namespace eco::store
