// The SQLite ledger (the shared SqlLedger on an SqliteDb): one file (default .cutover/ledger.db), WAL mode, every write in a
// transaction, a versioned schema with explicit migrations (docs/ledger.md).
#pragma once

#include <filesystem>
#include <memory>

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
};

// Opens (creating it and its directory if needed) and migrates the ledger at `path` to the
// current schema version. A database with a newer schema than this binary knows is refused with
// a clear error (kFailed); a file that is not a cutover ledger is kCorruption.
// The connection every SQLite ledger uses (the file and its folder created when missing): WAL,
// foreign keys, the synchronous level and busy timeout of `options`, a capped WAL file. The
// schema is the caller's business (OpenSqlLedger, OpenLedgerDb migrate it).
Result<std::unique_ptr<SqliteDb>> OpenSqliteLedgerDb(const std::filesystem::path& path,
                                                     const SqliteLedgerOptions& options = {});

Result<std::unique_ptr<Ledger>> OpenSqliteLedger(const std::filesystem::path& path);
Result<std::unique_ptr<Ledger>> OpenSqliteLedger(const std::filesystem::path& path,
                                                 const SqliteLedgerOptions& options);

// The schema version this binary writes.
int SqliteLedgerSchemaVersion();

}  // namespace cutover
