// The SQLite ledger (the shared SqlLedger on an SqliteDb): one file (default .cutover/ledger.db), WAL mode, every write in a
// transaction, a versioned schema with explicit migrations (docs/ledger.md).
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/ledger.h"
#include "ledger/sqlite_db.h"
#include "util/status.h"

namespace cutover {

struct SqliteLedgerOptions {
  // How long a write waits for another process's write lock before failing with kBusy. Writes
  // are short (one small transaction per call), so a long wait only matters under heavy sharing.
  int busy_timeout_ms = 30000;
  // false: PRAGMA synchronous=NORMAL. With WAL this is durable against a crash of the process,
  // even kill -9: a call that returned has its transaction in the WAL file and the OS keeps it.
  // A power loss or OS crash may lose the last few commits, never corrupt the database.
  // true: synchronous=FULL, one fsync per commit, durable against power loss too; each write
  // then costs a disk flush (milliseconds on many disks). See docs/ledger.md.
  bool sync_every_commit = false;
  // For commands that only read: when the ledger's folder is on a read-only file system (or not
  // writable), open the file read-only as it is (SqliteDbOptions::immutable) instead of failing.
  // Refused when its write-ahead log holds commits the main file does not have yet.
  bool read_only_fallback = false;
  // For `cutover rollback`: when the disk is (nearly) full, remove the emergency reserve kept
  // beside the ledger (ledger_reserve.h) before opening, so that its one small write fits.
  bool release_reserve_when_full = false;
};

// Opens (creating it and its directory if needed) and migrates the ledger at `path` to the
// current schema version. A database with a newer schema than this binary knows is refused with
// a clear error (kFailed); a file that is not a cutover ledger is kCorruption.
// The connection every SQLite ledger uses (the file and its folder created when missing): WAL,
// foreign keys, the synchronous level and busy timeout of `options`, a capped WAL file. The
// schema is the caller's business (OpenSqlLedger, OpenLedgerDb migrate it).
Result<std::unique_ptr<SqliteDb>> OpenSqliteLedgerDb(const std::filesystem::path& path,
                                                     const SqliteLedgerOptions& options = {});

// The problems an SQLite check pragma reports ("PRAGMA quick_check(5)", "PRAGMA
// integrity_check(50)"): its rows other than "ok", and a page too damaged to walk as one more
// problem rather than an error.
Result<std::vector<std::string>> SqliteCheckProblems(SqlDb& db, std::string_view pragma);

// SQLite's quick check (PRAGMA quick_check: every page and record well-formed, indexes not
// compared with their tables): kCorruption naming the file, the first problems found and what to
// do. Measured at 1,000,000 executions (a 634 MB ledger): 2.0 s (docs/ledger.md).
Status QuickCheckSqliteLedger(SqliteDb& db);

Result<std::unique_ptr<Ledger>> OpenSqliteLedger(const std::filesystem::path& path);
Result<std::unique_ptr<Ledger>> OpenSqliteLedger(const std::filesystem::path& path,
                                                 const SqliteLedgerOptions& options);

// The schema version this binary writes.
int SqliteLedgerSchemaVersion();

}  // namespace cutover
