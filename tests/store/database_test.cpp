#include "store/database.h"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "temp_dir.h"

using namespace eco::store;

TEST(Database, CreatesWalDatabaseAtCurrentSchema) {
  fixture::TempDir dir;
  auto r = open_database(dir.path / "ecolobby.db");
  EXPECT_EQ(r.connection.scalar_int("PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(r.connection.scalar_text("PRAGMA journal_mode"), "wal");
  EXPECT_TRUE(r.recovered_from.empty());
}

TEST(Database, MigratesFromEveryOlderVersionKeepingData) {
  for (int from = 0; from < kSchemaVersion; ++from) {
    fixture::TempDir dir;
    auto path = dir.path / "ecolobby.db";
    {
      Connection c(path.string(), true);
      migrate(c, from);
      if (from >= 1)
        c.exec("INSERT INTO events(id, ts_ms, day, local_date, kiosk, plugin, kind) VALUES('A', 1, 2, '1970-01-03', 'k', 'p', 'tap')");
    }
    auto r = open_database(path);
    EXPECT_EQ(r.connection.scalar_int("PRAGMA user_version"), kSchemaVersion) << "from " << from;
    if (from >= 1) {
      EXPECT_EQ(r.connection.scalar_int("SELECT count(*) FROM events"), 1) << "from " << from;
    }
    EXPECT_EQ(r.connection.scalar_int("SELECT count(*) FROM sqlite_master WHERE name = 'meta'"), 1);
  }
}

// Schema 4 adds the grouped rollup: a database of schema 3 with events gets it filled from them,
// the same rows the writer would have kept (the writer's side: participation_writer_test).
TEST(Database, AVersion3DatabaseMigratesWithItsEventsRolledUpByGroup) {
  fixture::TempDir dir;
  auto path = dir.path / "ecolobby.db";
  {
    Connection c(path.string(), true);
    migrate(c, 3);
    const char* events[] = {R"({"mode":"walk","km":2,"department":"财务科"})", R"({"mode":"walk","km":3.5})",
                            R"({"mode":"bus","km":10,"ok":true})", R"({"note":null,"list":[1]})"};
    int i = 0;
    for (const char* payload : events) {
      Statement s = c.prepare("INSERT INTO events(id, ts_ms, day, local_date, kiosk, plugin, kind, payload) "
                              "VALUES(?, 1, 20630, '2026-06-24', 'k', 'travel', 'trip', ?)");
      s.bind(1, std::string(1, static_cast<char>('A' + i++))).bind(2, payload);
      s.step();
    }
  }
  Connection c = open_database(path).connection;
  ASSERT_EQ(c.scalar_int("PRAGMA user_version"), kSchemaVersion);
  auto row = [&](const char* key, const char* field, const char* value) {
    Statement s = c.prepare("SELECT n || ' ' || total FROM daily_groups WHERE plugin = 'travel' AND kind = 'trip' "
                            "AND day = 20630 AND group_key = ? AND field = ? AND group_value = ?");
    s.bind(1, key).bind(2, field).bind(3, value);
    return s.step() ? s.column_text(0) : std::string("none");
  };
  EXPECT_EQ(row("mode", "", "walk"), "2 0.0");
  EXPECT_EQ(row("mode", "km", "walk"), "2 5.5");
  EXPECT_EQ(row("mode", "km", "bus"), "1 10.0");
  EXPECT_EQ(row("department", "", "财务科"), "1 0.0");
  EXPECT_EQ(row("ok", "", "true"), "1 0.0");
  EXPECT_EQ(row("km", "", "3.5"), "1 0.0");
  EXPECT_EQ(c.scalar_int("SELECT count(*) FROM daily_groups WHERE group_key IN ('note', 'list')"), 0)
      << "only plain values group";
}

TEST(Database, NewerSchemaIsRefusedNotDamaged) {
  fixture::TempDir dir;
  auto path = dir.path / "ecolobby.db";
  {
    Connection c(path.string(), true);
    c.exec("PRAGMA user_version = 99");
  }
  EXPECT_THROW(open_database(path), SqliteError);
}

TEST(Database, CorruptFileIsMovedAsideAndAFreshOneCreated) {
  fixture::TempDir dir;
  auto path = dir.path / "ecolobby.db";
  {
    auto r = open_database(path);
    r.connection.exec("INSERT INTO events(id, ts_ms, day, local_date, kiosk, plugin, kind) VALUES('A', 1, 2, 'd', 'k', 'p', 'tap')");
    r.connection.exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  {
    // Scribble over the middle of the file, as a failing SD card would.
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(100);
    std::string junk(3000, '\x5A');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  auto r = open_database(path);
  ASSERT_FALSE(r.recovered_from.empty());
  EXPECT_TRUE(std::filesystem::exists(r.recovered_from));
  EXPECT_EQ(r.connection.scalar_text("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(r.connection.scalar_int("SELECT count(*) FROM events"), 0);
}

// A file that merely cannot be opened is never "recovered" (moved aside).
TEST(DatabaseOpen, AFileThatCannotBeOpenedIsLeftAloneNotMovedAside) {
  fixture::TempDir dir;
  auto db = dir.path / "ecolobby.db";
  std::filesystem::create_directory(db);  // opens as nothing, for root too
  std::ofstream(db / "keep") << "records";
  EXPECT_THROW(open_database(db), SqliteError);
  EXPECT_TRUE(std::filesystem::exists(db / "keep"));
  for (const auto& entry : std::filesystem::directory_iterator(dir.path))
    EXPECT_EQ(entry.path().filename().string().find("corrupt"), std::string::npos) << entry.path();
}

TEST(DatabaseOpen, AFileThatIsNotADatabaseIsStillRecovered) {
  fixture::TempDir dir;
  auto db = dir.path / "ecolobby.db";
  std::ofstream(db) << std::string(8192, 'x');
  OpenResult r = open_database(db);
  EXPECT_FALSE(r.recovered_from.empty());
  EXPECT_TRUE(std::filesystem::exists(r.recovered_from));
}
