// A small RAII wrapper over the SQLite C API with errors as Status values: a connection
// (SqliteDb) that caches its prepared statements, a borrowed statement (SqliteStmt) and a
// transaction (SqliteTxn).
//
// Not thread-safe: a SqliteDb, its statements and its transactions are used by one thread at a
// time; the owner serializes (SqliteLedger holds a mutex around its connection). The connection
// is opened with SQLITE_OPEN_NOMUTEX accordingly. Never use a connection in a forked child.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace cutover {

// Maps a SQLite result code (primary or extended) to a Status carrying `message`:
// busy/locked -> kBusy; corrupt/notadb -> kCorruption; constraint -> kInvalidArgument;
// ioerr/full/cantopen/readonly/perm/auth -> kIoError; anything else -> kInternal.
Status SqliteStatus(int code, std::string message);

// A cached prepared statement borrowed from its SqliteDb. Destroying (or moving from) the handle
// resets the statement and clears its bindings, so that a half-read SELECT never keeps a read
// snapshot open. Must not outlive its SqliteDb. The same SQL must not be borrowed twice at once.
class SqliteStmt {
 public:
  SqliteStmt(SqliteStmt&& other) noexcept;
  SqliteStmt& operator=(SqliteStmt&& other) noexcept;
  SqliteStmt(const SqliteStmt&) = delete;
  SqliteStmt& operator=(const SqliteStmt&) = delete;
  ~SqliteStmt();

  // Parameters are 1-based, as in SQL (?1, ?2...). Values are copied. A bind failure (a bug:
  // bad index) is kept and returned by the next Step() or Run().
  SqliteStmt& BindInt(int index, int64_t value);
  SqliteStmt& BindText(int index, std::string_view value);
  SqliteStmt& BindNull(int index);

  // Advances to the next row: true when a row is available, false when done.
  Result<bool> Step();
  // Steps to the end, ignoring any rows (INSERT, UPDATE, DELETE, PRAGMA with a result), then
  // rewinds so that the statement can be bound and run again (bindings are kept).
  Status Run();

  // Makes the statement ready to run again: rewinds it and clears its bindings.
  void Reset();

  // Columns of the current row, 0-based. NULL reads as 0 and "". Text is returned byte-exact
  // (embedded NULs and invalid UTF-8 included).
  int64_t ColumnInt(int column) const;
  std::string ColumnText(int column) const;
  bool ColumnIsNull(int column) const;

 private:
  friend class SqliteDb;
  SqliteStmt(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  void Release();
  Status Error(int code) const;

  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;  // owned by the SqliteDb's cache
  Status bind_error_;
};

struct SqliteDbOptions {
  // How long a statement waits for another connection's lock before failing with kBusy.
  // Long, because many cutover processes may share one ledger and writes are short.
  int busy_timeout_ms = 30000;
  bool create = true;  // create the file when it does not exist
};

class SqliteDb {
 public:
  // Opens `path` (creating the file, not its directory, when options.create). Sets the busy
  // timeout and turns on extended result codes; other pragmas are the caller's business.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::filesystem::path& path,
                                                const SqliteDbOptions& options = {});
  ~SqliteDb();  // finalizes cached statements, then closes the connection
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  // Runs one or more SQL statements, discarding any rows.
  Status Exec(std::string_view sql);
  // Borrows the prepared statement for `sql` (one statement), preparing it on first use.
  Result<SqliteStmt> Prepare(std::string_view sql);
  // Runs `sql` and returns the first column of its first row as text ("" when no row).
  Result<std::string> QueryText(std::string_view sql);

  int64_t LastInsertRowid() const;
  // Rows changed by the most recent INSERT, UPDATE or DELETE.
  int64_t Changes() const;
  // True inside an explicit transaction.
  bool InTransaction() const;

  const std::filesystem::path& path() const { return path_; }
  sqlite3* raw() const { return db_; }

 private:
  SqliteDb(sqlite3* db, std::filesystem::path path) : db_(db), path_(std::move(path)) {}
  Status Error(int code, std::string_view doing) const;

  sqlite3* db_;
  const std::filesystem::path path_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;  // owned; finalized in ~SqliteDb
};

// An explicit transaction. Rolled back on destruction unless Commit() succeeded.
class SqliteTxn {
 public:
  enum class Mode {
    kRead,   // BEGIN DEFERRED: a consistent snapshot; never blocks or is blocked by writers (WAL)
    kWrite,  // BEGIN IMMEDIATE: takes the write lock up front (waiting up to the busy timeout),
             // so the transaction never fails half-way because another writer came first
  };
  static Result<SqliteTxn> Begin(SqliteDb& db, Mode mode);
  SqliteTxn(SqliteTxn&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  SqliteTxn& operator=(SqliteTxn&&) = delete;
  SqliteTxn(const SqliteTxn&) = delete;
  SqliteTxn& operator=(const SqliteTxn&) = delete;
  ~SqliteTxn();

  Status Commit();

 private:
  explicit SqliteTxn(SqliteDb* db) : db_(db) {}
  SqliteDb* db_;  // null once committed or rolled back
};

}  // namespace cutover
