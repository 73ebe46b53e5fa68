// A small RAII wrapper over the SQLite C API with errors as Status values: a connection
// (SqliteDb, an SqlDb) that caches its prepared statements; statements and transactions are the
// shared SqlStmt and SqlTxn (sql_db.h).
//
// Not thread-safe: a SqliteDb, its statements and its transactions are used by one thread at a
// time; the owner serializes (SqliteLedger holds a mutex around its connection). The connection
// is opened with SQLITE_OPEN_NOMUTEX accordingly. Never use a connection in a forked child.
#pragma once

#include <atomic>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <utility>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "ledger/sql_db.h"
#include "util/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace cutover {

// Maps a SQLite result code (primary or extended) to a Status carrying `message`:
// busy/locked -> kBusy; corrupt/notadb -> kCorruption; constraint -> kInvalidArgument;
// ioerr/full/cantopen/readonly/perm/auth -> kIoError; anything else -> kInternal.
Status SqliteStatus(int code, std::string message);

// The SQLite connection's statement and transaction are the shared ones (sql_db.h).
using SqliteStmt = SqlStmt;
using SqliteTxn = SqlTxn;

struct SqliteDbOptions {
  // How long a statement waits for another connection's lock before failing with kBusy.
  // Long, because many cutover processes may share one ledger and writes are short.
  int busy_timeout_ms = 30000;
  bool create = true;  // create the file when it does not exist
  // Read-only, as an unchanging file (SQLite's `immutable`: no locks, no -shm, no -wal read):
  // the one way to read a ledger on a read-only file system. Only correct when nobody writes
  // it and its write-ahead log is empty (sqlite_ledger.h checks).
  bool immutable = false;
};

class SqliteDb final : public SqlDb {
 public:
  // Opens `path` (creating the file, not its directory, when options.create). Sets the busy
  // timeout and turns on extended result codes; other pragmas are the caller's business.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::filesystem::path& path,
                                                const SqliteDbOptions& options = {});
  ~SqliteDb() override;  // finalizes cached statements, closes the connection, then runs
                         // after_close
  // Work for when the connection is closed and SQLite has left the file as it will stay (its
  // last checkpoint done): run once, in the destructor (ledger_check_stamp.h uses it).
  void SetAfterClose(std::function<void()> after_close) { after_close_ = std::move(after_close); }
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  SqlBackend backend() const override { return SqlBackend::kSqlite; }
  std::string Describe() const override { return path_.string(); }
  Status Exec(std::string_view sql) override;
  // Prepares on first use; later calls with the same text reuse the statement.
  Result<SqlStmt> Prepare(std::string_view sql) override;
  int64_t Changes() const override;
  // kRead is BEGIN DEFERRED (a snapshot; with WAL never blocked by writers), kWrite is BEGIN
  // IMMEDIATE (the write lock up front, waiting up to the busy timeout).
  Status Begin(TxnMode mode) override;
  Status Commit() override;
  void Rollback() override;

  // Puts the file in write-ahead-log mode (kept in the file; a no-op when it already is), or
  // kIoError naming the file when the file system cannot do it. Switching takes the exclusive
  // lock, and SQLite answers a second connection switching at the same moment "busy" at once,
  // without its busy handler (deadlock avoidance): that answer is retried here, with short
  // sleeps, for up to the busy timeout.
  Status UseWriteAheadLog();

  int64_t LastInsertRowid() const;
  // True inside an explicit transaction.
  bool InTransaction() const;

  const std::filesystem::path& path() const { return path_; }
  // Remembers which file `path()` names now (device and inode) and its size, for
  // CheckStillThere: a file that is no longer the same, or is smaller than it ever was (SQLite
  // never shrinks a ledger: no VACUUM, no auto-vacuum), was deleted, replaced or truncated.
  Status RememberFile();
  Status CheckStillThere() const override;
  sqlite3* raw() const { return db_; }

 private:
  SqliteDb(sqlite3* db, std::filesystem::path path, int busy_timeout_ms)
      : db_(db), path_(std::move(path)), busy_timeout_ms_(busy_timeout_ms) {}
  Status Error(int code, std::string_view doing) const;

  sqlite3* db_;
  const std::filesystem::path path_;
  std::optional<std::pair<uint64_t, uint64_t>> file_id_;  // (st_dev, st_ino) at RememberFile
  mutable std::atomic<int64_t> largest_size_{0};           // the largest size seen
  const int busy_timeout_ms_;
  // Owned; finalized in ~SqliteDb.
  std::unordered_map<std::string, std::unique_ptr<SqlStmtImpl>> statements_;
  std::function<void()> after_close_;
};

}  // namespace cutover
