// What the ledger needs from a SQL database, whatever the backend: a connection (SqlDb) that
// prepares statements, a borrowed statement handle (SqlStmt) and a transaction (SqlTxn).
// Implemented by SqliteDb (sqlite_db.h) and PgDb (pg_db.h).
//
// The SQL text given to Prepare is the shared dialect (docs/ledger.md, "One SQL for two
// backends"): parameters are written ?1, ?2... (PgDb rewrites them to $1, $2...), new ids come
// back with RETURNING id, and the column `user` is always quoted ("user").
//
// Not thread-safe: a connection, its statements and its transactions are used by one thread at
// a time; the owner serializes (SqlLedger holds a mutex around its connection).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace cutover {

// A backend's prepared statement. Owned by its connection; used through SqlStmt.
class SqlStmtImpl {
 public:
  virtual ~SqlStmtImpl() = default;
  virtual void BindInt(int index, int64_t value) = 0;
  virtual void BindText(int index, std::string_view value) = 0;
  virtual void BindBytes(int index, std::string_view value) = 0;
  virtual void BindNull(int index) = 0;
  virtual Result<bool> Step() = 0;
  virtual Status Run() = 0;
  virtual void Reset() = 0;
  virtual int64_t ColumnInt(int column) const = 0;
  virtual std::string ColumnText(int column) const = 0;
  virtual bool ColumnIsNull(int column) const = 0;
  // The handle is dropped: forget the current result and the bindings.
  virtual void Release() = 0;
};

// A prepared statement borrowed from its connection. Destroying (or moving from) the handle
// resets the statement and clears its bindings, so that a half-read SELECT never keeps a read
// snapshot open. Must not outlive its connection. The same SQL must not be borrowed twice at
// once.
class SqlStmt {
 public:
  explicit SqlStmt(SqlStmtImpl* impl) : impl_(impl) {}
  SqlStmt(SqlStmt&& other) noexcept : impl_(other.impl_) { other.impl_ = nullptr; }
  SqlStmt& operator=(SqlStmt&& other) noexcept {
    if (this != &other) {
      if (impl_) impl_->Release();
      impl_ = other.impl_;
      other.impl_ = nullptr;
    }
    return *this;
  }
  SqlStmt(const SqlStmt&) = delete;
  SqlStmt& operator=(const SqlStmt&) = delete;
  ~SqlStmt() {
    if (impl_) impl_->Release();
  }

  // Parameters are 1-based, as in SQL (?1, ?2...). Values are copied. A bind failure (a bug:
  // bad index; on PostgreSQL a NUL byte in text) is kept and returned by the next Step() or
  // Run().
  SqlStmt& BindInt(int index, int64_t value) {
    impl_->BindInt(index, value);
    return *this;
  }
  SqlStmt& BindText(int index, std::string_view value) {
    impl_->BindText(index, value);
    return *this;
  }
  // Arbitrary bytes (process output: NUL bytes, invalid UTF-8). SQLite stores them as TEXT,
  // PostgreSQL as BYTEA; ColumnText reads them back byte-exact on both.
  SqlStmt& BindBytes(int index, std::string_view value) {
    impl_->BindBytes(index, value);
    return *this;
  }
  SqlStmt& BindNull(int index) {
    impl_->BindNull(index);
    return *this;
  }

  // Advances to the next row: true when a row is available, false when done.
  Result<bool> Step() { return impl_->Step(); }
  // Runs to the end ignoring any rows, then rewinds so that the statement can run again
  // (bindings are kept).
  Status Run() { return impl_->Run(); }
  // Makes the statement ready to run again: rewinds it and clears its bindings.
  void Reset() { impl_->Reset(); }

  // Columns of the current row, 0-based. NULL reads as 0 and "". Text is returned byte-exact.
  int64_t ColumnInt(int column) const { return impl_->ColumnInt(column); }
  std::string ColumnText(int column) const { return impl_->ColumnText(column); }
  bool ColumnIsNull(int column) const { return impl_->ColumnIsNull(column); }

 private:
  SqlStmtImpl* impl_;  // owned by the connection
};

enum class SqlBackend { kSqlite, kPostgres };

class SqlDb {
 public:
  virtual ~SqlDb() = default;

  virtual SqlBackend backend() const = 0;
  // Where the database is, for messages: a path, or a URL with its password removed.
  virtual std::string Describe() const = 0;

  // Runs one or more SQL statements without parameters, discarding any rows.
  virtual Status Exec(std::string_view sql) = 0;
  // Borrows the prepared statement for `sql` (one statement).
  virtual Result<SqlStmt> Prepare(std::string_view sql) = 0;
  // Runs `sql` and returns the first column of its first row as text ("" when no row).
  Result<std::string> QueryText(std::string_view sql);
  // Rows changed by the most recent INSERT, UPDATE or DELETE.
  virtual int64_t Changes() const = 0;

  // Transactions (use SqlTxn). kRead: a consistent snapshot that never waits for writers.
  // kWrite: takes the database's single write lock up front (waiting up to the busy timeout,
  // then kBusy), so writes are serialized exactly as in SQLite and ids grow in commit order.
  enum class TxnMode { kRead, kWrite };
  virtual Status Begin(TxnMode mode) = 0;
  virtual Status Commit() = 0;
  virtual void Rollback() = 0;  // a no-op outside a transaction; never fails

  // True when the last failure was a lost connection (a server restart, a network cut):
  // Reconnect() may make the next transaction succeed. Always false for SQLite.
  virtual bool ConnectionLost() const { return false; }
  // Whether the database is still where it was opened: an SQLite file deleted or replaced while
  // open keeps working on the lost inode, silently. Ok when it cannot tell (a server).
  virtual Status CheckStillThere() const { return Status::Ok(); }
  // Tries once to connect again.
  virtual Status Reconnect() { return Status::Internal("this database cannot reconnect"); }
};

// An explicit transaction. Rolled back on destruction unless Commit() succeeded.
class SqlTxn {
 public:
  using Mode = SqlDb::TxnMode;
  static Result<SqlTxn> Begin(SqlDb& db, Mode mode);
  SqlTxn(SqlTxn&& other) noexcept : db_(other.db_) { other.db_ = nullptr; }
  SqlTxn& operator=(SqlTxn&&) = delete;
  SqlTxn(const SqlTxn&) = delete;
  SqlTxn& operator=(const SqlTxn&) = delete;
  ~SqlTxn() {
    if (db_ != nullptr) db_->Rollback();
  }

  Status Commit();

 private:
  explicit SqlTxn(SqlDb* db) : db_(db) {}
  SqlDb* db_;  // null once committed or rolled back
};

}  // namespace cutover
