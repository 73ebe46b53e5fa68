#include "ledger/ledger_backup.h"

#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <memory>
#include <string>

#include "ledger/ledger_copy.h"
#include "ledger/schema.h"
#include "ledger/sqlite_db.h"
#include "ledger/sqlite_ledger.h"
#include "util/file.h"

namespace cutover {
namespace fs = std::filesystem;

namespace {

// SQLite to SQLite: the online backup API, all pages in one step (one consistent snapshot).
Status CopyPages(SqliteDb& from, SqliteDb& to) {
  sqlite3_backup* backup = sqlite3_backup_init(to.raw(), "main", from.raw(), "main");
  if (backup == nullptr) {
    return SqliteStatus(sqlite3_errcode(to.raw()),
                        fmt::format("starting the backup of {}: {}", from.path().string(),
                                    sqlite3_errmsg(to.raw())));
  }
  const int rc = sqlite3_backup_step(backup, -1);
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    return SqliteStatus(rc,
                        fmt::format("backing up {}: {}", from.path().string(), sqlite3_errstr(rc)));
  }
  return Status::Ok();
}

// Writes the copy into the new file `tmp`; closes it before returning.
Status WriteCopy(SqlDb& source, const fs::path& tmp) {
  SqliteDbOptions options;
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> target, SqliteDb::Open(tmp, options));
  if (source.backend() == SqlBackend::kSqlite) {
    CUTOVER_RETURN_IF_ERROR(CopyPages(static_cast<SqliteDb&>(source), *target));
  } else {
    CUTOVER_RETURN_IF_ERROR(MigrateSchema(*target));
    CUTOVER_ASSIGN_OR_RETURN(LedgerCopyCounts counts, CopyLedger(source, *target, {}));
    (void)counts;
  }
  // One file, no write-ahead log beside it: the copy is complete in itself.
  CUTOVER_RETURN_IF_ERROR(target->Exec("PRAGMA journal_mode = DELETE"));
  return QuickCheckSqliteLedger(*target);
}

}  // namespace

Status BackupLedger(SqlDb& source, const fs::path& dest, const LedgerBackupOptions& options) {
  std::error_code ec;
  if (!options.replace && fs::symlink_status(dest, ec).type() != fs::file_type::not_found) {
    return Status::Failed(fmt::format(
        "{} exists: choose a new path for the backup, or pass --replace", dest.string()));
  }
  // The temporary file's name is unpredictable and created exclusively (util/file.h); SQLite
  // then opens that existing, empty file by its name.
  fs::path tmp;
  {
    CUTOVER_ASSIGN_OR_RETURN(TempFile created, CreateTempFileFor(dest));
    tmp = created.path;
  }
  if (Status written = WriteCopy(source, tmp); !written.ok()) {
    ::unlink(tmp.c_str());
    return written.WithContext(fmt::format("backup to {}", dest.string()));
  }
  return CommitTempPath(tmp, dest);
}

}  // namespace cutover
