#include "store/database.h"

#include <sqlite3.h>

#include <chrono>

#include <fmt/format.h>
#include <spdlog/spdlog.h>

namespace eco::store {
namespace fs = std::filesystem;

namespace {

// The grouped rollup (schema 4) from a payload `g` (and `f`) of json_each: only plain values
// group, as text ("walk", "3", "true"); numeric fields are summed per group for averages.
#define ECO_GROUP_VALUE "CASE g.type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(g.value AS TEXT) END"
#define ECO_PLAIN "g.type IN ('text', 'integer', 'real', 'true', 'false')"
#define ECO_NUMBER "f.type IN ('integer', 'real') AND f.key != g.key"
#define ECO_FILL_DAILY_GROUPS                                                                                       \
  "INSERT INTO daily_groups SELECT e.plugin, e.kind, g.key, '', e.day, " ECO_GROUP_VALUE ", count(*), 0 "          \
  "FROM events e, json_each(e.payload) g WHERE " ECO_PLAIN " GROUP BY 1, 2, 3, 5, 6; "                            \
  "INSERT INTO daily_groups SELECT e.plugin, e.kind, g.key, f.key, e.day, " ECO_GROUP_VALUE ", count(*), "        \
  "total(f.value) FROM events e, json_each(e.payload) g, json_each(e.payload) f WHERE " ECO_PLAIN " AND " ECO_NUMBER \
  " GROUP BY 1, 2, 3, 4, 5, 6;"

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
    // 4: per-day rollup by every plain payload field (department, mode, choice…), so campaigns'
    // grouped and windowed queries read it too: `n` events per group, and for each numeric field
    // (`field`, '' for the plain count) its sum over the `n` events that have it. The key puts
    // the day range right after the group, so a query for one kind and one for every kind both
    // read only the days asked for.
    "CREATE TABLE daily_groups(plugin TEXT NOT NULL, kind TEXT NOT NULL, group_key TEXT NOT NULL, "
    "field TEXT NOT NULL, day INTEGER NOT NULL, group_value TEXT NOT NULL, n INTEGER NOT NULL, "
    "total REAL NOT NULL DEFAULT 0, PRIMARY KEY(plugin, group_key, field, day, kind, group_value)) WITHOUT ROWID; "
    ECO_FILL_DAILY_GROUPS,
    // 5: proof of play (store/play.h). A slot's description is stored once (play_items); each
    // showing is a small rowid row, so a year of a screen's plays stays a few tens of MB; the
    // per-day rollup is what reports and the hub read.
    R"(CREATE TABLE play_items(id INTEGER PRIMARY KEY, kiosk TEXT NOT NULL, content_version TEXT NOT NULL,
                               scene TEXT NOT NULL, item TEXT NOT NULL, campaign TEXT NOT NULL,
                               UNIQUE(kiosk, content_version, scene, item, campaign));
       CREATE TABLE plays(start_ms INTEGER NOT NULL, day INTEGER NOT NULL, item INTEGER NOT NULL,
                          shown_ms INTEGER NOT NULL, ending TEXT NOT NULL);
       CREATE TABLE daily_plays(day INTEGER NOT NULL, item INTEGER NOT NULL, ending TEXT NOT NULL,
                                n INTEGER NOT NULL, shown_ms INTEGER NOT NULL,
                                PRIMARY KEY(day, item, ending)) WITHOUT ROWID;)",
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
  c.exec("DELETE FROM daily_groups");
  c.exec(ECO_FILL_DAILY_GROUPS);
  t.commit();
}

const char* group_rollup_sql() {
  // ?1 plugin, ?2 kind, ?3 day, ?4 the payload's JSON: the plain count of each group, then the
  // sums of its numeric fields, in one statement (one step per event). An INSERT … SELECT needs
  // its WHERE before ON CONFLICT.
  return "INSERT INTO daily_groups SELECT ?1, ?2, g.key, '', ?3, " ECO_GROUP_VALUE ", 1, 0 FROM json_each(?4) g "
         "WHERE " ECO_PLAIN " UNION ALL "
         "SELECT ?1, ?2, g.key, f.key, ?3, " ECO_GROUP_VALUE ", 1, f.value FROM json_each(?4) g, json_each(?4) f "
         "WHERE " ECO_PLAIN " AND " ECO_NUMBER
         " ON CONFLICT(plugin, group_key, field, day, kind, group_value) DO UPDATE SET n = n + 1, total = total + excluded.total";
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
