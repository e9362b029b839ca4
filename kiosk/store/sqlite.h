#pragma once
// Thin RAII over sqlite3: a connection, prepared statements with typed binds and columns, and
// errors as exceptions carrying SQLite's code (so callers can tell "disk full" from "corrupt").
#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

struct sqlite3;
struct sqlite3_stmt;

namespace eco::store {

struct SqliteError : std::runtime_error {
  SqliteError(const std::string& what, int code) : std::runtime_error(what), code(code) {}
  int code;  // primary result code: SQLITE_FULL, SQLITE_CORRUPT, SQLITE_BUSY, …
  bool disk_problem() const;  // full, I/O error, read-only, cannot open: worth retrying later
};

class Statement;

class Connection {
 public:
  // Opens (creating if asked) with a busy timeout so a second process waits instead of failing.
  Connection(const std::string& path, bool create, int busy_timeout_ms = 5000);
  ~Connection();
  Connection(Connection&&) noexcept;
  Connection& operator=(Connection&&) noexcept;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void exec(const std::string& sql);
  Statement prepare(std::string_view sql);
  int64_t scalar_int(const std::string& sql);
  std::string scalar_text(const std::string& sql);
  sqlite3* raw() const { return db_; }
  const std::string& path() const { return path_; }
  [[noreturn]] void fail(const std::string& what, int code) const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Statement {
 public:
  Statement(sqlite3_stmt* stmt, const Connection* conn) : stmt_(stmt), conn_(conn) {}
  ~Statement();
  Statement(Statement&& o) noexcept : stmt_(o.stmt_), conn_(o.conn_) { o.stmt_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  Statement& bind(int index, int64_t v);
  Statement& bind(int index, double v);
  Statement& bind(int index, std::string_view v);
  Statement& bind_null(int index);
  // True while there is a row; false when done. Throws on errors.
  bool step();
  void reset();
  int64_t column_int(int i) const;
  double column_double(int i) const;
  std::string column_text(int i) const;
  bool column_null(int i) const;

 private:
  sqlite3_stmt* stmt_;
  const Connection* conn_;
};

// BEGIN IMMEDIATE … COMMIT, rolled back if not committed.
class Transaction {
 public:
  explicit Transaction(Connection& c);
  ~Transaction();
  void commit();

 private:
  Connection& c_;
  bool done_ = false;
};

}  // namespace eco::store
