#include "store/database.h"

#include <sqlite3.h>

#include <chrono>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace eco::store {
namespace fs = std::filesystem;

namespace {

// Forward-only: migration N takes the schema from version N-1 to N. Never edit a shipped one.
const char* const kMigrations[] = {
    // 1: participation events, plugin key-value store, cache
    R"(CREATE TABLE events(
         id TEXT PRIMARY KEY,
         ts_ms INTEGER NOT NULL,
         day INTEGER NOT NULL,
         local_date TEXT NOT NULL,
         kiosk TEXT NOT NULL,
         plugin TEXT NOT NULL,
         campaign TEXT NOT NULL DEFAULT '',
         kind TEXT NOT NULL,
         department TEXT,
         session TEXT,
         payload TEXT NOT NULL DEFAULT '{}') WITHOUT ROWID;
       CREATE INDEX events_plugin_kind_day ON events(plugin, kind, day);
       CREATE INDEX events_day ON events(day);
       CREATE TABLE plugin_kv(plugin TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
                              PRIMARY KEY(plugin, key)) WITHOUT ROWID;
       CREATE TABLE cache(key TEXT PRIMARY KEY, value BLOB NOT NULL, updated_ms INTEGER NOT NULL);)",
    // 2: report queries by campaign and department; a place for markers such as the last export
    R"(CREATE INDEX events_campaign_day ON events(campaign, day);
       CREATE INDEX events_department_day ON events(department, day);
       CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);)",
    // 3: per-day rollup kept in step with events by the writer, so the queries campaigns run
    // every frame read a few thousand rows instead of millions. `score_sum` adds up the
    // numeric payload field "score" (quiz averages).
    R"(CREATE TABLE daily(plugin TEXT NOT NULL, kind TEXT NOT NULL, day INTEGER NOT NULL,
                          department TEXT NOT NULL DEFAULT '', n INTEGER NOT NULL, score_sum REAL NOT NULL DEFAULT 0,
                          PRIMARY KEY(plugin, kind, day, department)) WITHOUT ROWID;
       CREATE INDEX daily_plugin_day ON daily(plugin, day);
       INSERT INTO daily SELECT plugin, kind, day, coalesce(department, ''), count(*),
                                total(json_extract(payload, '$.score'))
                         FROM events GROUP BY 1, 2, 3, 4;)",
};
static_assert(std::size(kMigrations) == kSchemaVersion);

// Only a file that opened and then failed its integrity check is corrupt. Anything else (no
// permission, a lock, EMFILE, an I/O error, a read-only disk) says nothing about the file: it is
// reported as SqliteError and left alone, so a backup restored by root costs a retry, not the records.
bool corrupt(const fs::path& path) {
  try {
    Connection c(path.string(), false);
    std::string verdict = c.scalar_text("PRAGMA quick_check");
    if (verdict == "ok") return false;
    spdlog::error("database {}: integrity check says: {}", path.string(), verdict.substr(0, 200));
    return true;
  } catch (const SqliteError& e) {
    if (e.code == SQLITE_CORRUPT || e.code == SQLITE_NOTADB) return true;
    throw;
  }
}

}  // namespace

fs::path database_path(const fs::path& data_dir) { return data_dir / "ecolobby.db"; }

void rebuild_daily(Connection& c) {
  Transaction t(c);
  c.exec("DELETE FROM daily");
  c.exec("INSERT INTO daily SELECT plugin, kind, day, coalesce(department, ''), count(*), "
         "total(json_extract(payload, '$.score')) FROM events GROUP BY 1, 2, 3, 4");
  t.commit();
}

void migrate(Connection& c, int target) {
  int version = static_cast<int>(c.scalar_int("PRAGMA user_version"));
  if (version > kSchemaVersion)
    throw SqliteError(fmt::format("{}: schema version {} is newer than this program's {}", c.path(), version, kSchemaVersion), SQLITE_ERROR);
  for (int v = version + 1; v <= target; ++v) {
    Transaction t(c);
    c.exec(kMigrations[v - 1]);
    c.exec(fmt::format("PRAGMA user_version = {}", v));
    t.commit();
    spdlog::info("database {}: migrated to schema {}", c.path(), v);
  }
}

OpenResult open_database(const fs::path& path) {
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::string recovered;
  if (fs::exists(path) && corrupt(path)) {
    auto stamp = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    fs::path aside = path.string() + fmt::format(".corrupt-{}", stamp);
    fs::rename(path, aside, ec);
    if (ec)  // never start a fresh file over records that could not be moved aside
      throw SqliteError(fmt::format("{} failed its integrity check but cannot be moved aside ({}); left as it is",
                                    path.string(), ec.message()), SQLITE_CANTOPEN);
    for (const char* suffix : {"-wal", "-shm"}) fs::rename(path.string() + suffix, aside.string() + suffix, ec);
    spdlog::error("database {} failed its integrity check: moved to {}, starting a fresh one", path.string(), aside.string());
    recovered = aside.string();
  }
  Connection c(path.string(), true);
  c.exec("PRAGMA journal_mode = WAL");
  c.exec("PRAGMA synchronous = FULL");  // a committed event survives a power cut
  c.exec("PRAGMA foreign_keys = ON");
  migrate(c);
  return {std::move(c), recovered};
}

}  // namespace eco::store
