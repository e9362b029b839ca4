#pragma once
// The kiosk's one SQLite file (data_dir/ecolobby.db): WAL mode, schema versioned with
// PRAGMA user_version and forward-only migrations. A file that opens but fails its integrity
// check is moved aside with a timestamp and a fresh one is created, so a damaged disk costs old
// records (kept for recovery), never a crash loop. A file that merely cannot be opened (owner,
// lock, descriptors, I/O, read-only disk) is left alone: open_database throws and the caller
// retries, holding new records in memory.
#include <filesystem>
#include <string>

#include "store/sqlite.h"

namespace eco::store {

constexpr int kSchemaVersion = 5;

struct OpenResult {
  Connection connection;
  std::string recovered_from;  // path the corrupt file was moved to, if any
};

// Opens or creates `path`, checks integrity, migrates to kSchemaVersion. Throws SqliteError.
OpenResult open_database(const std::filesystem::path& path);
// Applies migrations up to `target` (tests create older versions with it).
void migrate(Connection& c, int target = kSchemaVersion);
std::filesystem::path database_path(const std::filesystem::path& data_dir);
// Recomputes the daily rollups (daily, daily_groups) from the events (after bulk imports).
void rebuild_daily(Connection& c);
// The statement adding one event to daily_groups (the writer keeps it in step with events).
const char* group_rollup_sql();

}  // namespace eco::store
