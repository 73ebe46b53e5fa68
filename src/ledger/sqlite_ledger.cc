#include "ledger/sqlite_ledger.h"

#include <fmt/format.h>

#include "ledger/schema.h"
#include "ledger/sql_ledger.h"
#include "ledger/sqlite_db.h"
#include "util/file.h"

namespace cutover {

Result<std::unique_ptr<Ledger>> OpenSqliteLedger(const std::filesystem::path& path) {
  return OpenSqliteLedger(path, SqliteLedgerOptions{});
}

Result<std::unique_ptr<SqliteDb>> OpenSqliteLedgerDb(const std::filesystem::path& path,
                                                     const SqliteLedgerOptions& options) {
  if (path.has_parent_path()) CUTOVER_RETURN_IF_ERROR(MakeDirectories(path.parent_path()));
  SqliteDbOptions db_options;
  db_options.busy_timeout_ms = options.busy_timeout_ms;
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, SqliteDb::Open(path, db_options));

  // WAL: readers never block the writer and a crash (even kill -9) never corrupts.
  CUTOVER_RETURN_IF_ERROR(db->UseWriteAheadLog());
  CUTOVER_RETURN_IF_ERROR(db->Exec(options.sync_every_commit ? "PRAGMA synchronous = FULL"
                                                             : "PRAGMA synchronous = NORMAL"));
  CUTOVER_RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys = ON"));
  // The WAL file is reused, not shrunk, after a checkpoint: cap what a burst leaves behind.
  CUTOVER_RETURN_IF_ERROR(db->Exec("PRAGMA journal_size_limit = 67108864"));
  return db;
}

Result<std::unique_ptr<Ledger>> OpenSqliteLedger(const std::filesystem::path& path,
                                                 const SqliteLedgerOptions& options) {
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, OpenSqliteLedgerDb(path, options));
  return OpenSqlLedger(std::move(db), SqlLedgerOptions{});
}

int SqliteLedgerSchemaVersion() { return LatestLedgerSchemaVersion(); }

}  // namespace cutover
