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
