#include "ledger/sqlite_ledger.h"

#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <string>
#include <vector>

#include <fmt/format.h>

#include "ledger/ledger_reserve.h"
#include "ledger/schema.h"
#include "ledger/sql_ledger.h"
#include "ledger/sqlite_db.h"
#include "util/file.h"
#include "util/strings.h"

namespace cutover {

Result<std::unique_ptr<Ledger>> OpenSqliteLedger(const std::filesystem::path& path) {
  return OpenSqliteLedger(path, SqliteLedgerOptions{});
}

namespace {

namespace fs = std::filesystem;

// Whether the ledger's folder cannot be written: a read-only mount or no write permission.
bool FolderReadOnly(const fs::path& path) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  struct statvfs vfs {};
  if (::statvfs(dir.c_str(), &vfs) == 0 && (vfs.f_flag & ST_RDONLY) != 0) return true;
  return ::access(dir.c_str(), W_OK) != 0;
}

// The ledger on a read-only folder, read as it is (SqliteLedgerOptions::read_only_fallback).
Result<std::unique_ptr<SqliteDb>> OpenReadOnly(const fs::path& path,
                                               const SqliteLedgerOptions& options,
                                               const Status& writable_error) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return writable_error;
  const fs::path wal = path.string() + "-wal";
  if (::stat(wal.c_str(), &st) == 0 && st.st_size > 0) {
    return Status::IoError(fmt::format(
        "{}: the ledger's folder cannot be written (read-only or full) and its write-ahead log "
        "{} holds records the main file does not have yet (a process stopped before folding it "
        "in). Reading them needs write access once: make the folder writable (or free some "
        "space) and run any cutover command, or copy the folder to a writable place and point "
        "--ledger at the copy",
        path.string(), wal.string()));
  }
  SqliteDbOptions db_options;
  db_options.busy_timeout_ms = options.busy_timeout_ms;
  db_options.immutable = true;
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, SqliteDb::Open(path, db_options));
  CUTOVER_RETURN_IF_ERROR(db->RememberFile());
  return db;
}

Result<std::unique_ptr<SqliteDb>> OpenWritable(const fs::path& path,
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
  CUTOVER_RETURN_IF_ERROR(db->RememberFile());
  KeepLedgerReserve(path);
  return db;
}

}  // namespace

Result<std::unique_ptr<SqliteDb>> OpenSqliteLedgerDb(const std::filesystem::path& path,
                                                     const SqliteLedgerOptions& options) {
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  bool released = false;
  if (options.release_reserve_when_full) released = ReleaseLedgerReserveIfFull(path);
  auto db = OpenWritable(path, options);
  if (db.ok()) return db;
  const bool full = DiskNearlyFull(dir);
  if (full && options.read_only_fallback) return OpenReadOnly(path, options, db.status());
  if (full) {
    return Status::IoError(fmt::format(
        "{}: the disk holding the ledger is full ({}) and this command writes to the ledger; "
        "free some space and run it again. Reading commands (status, routes, history, "
        "mismatches, diff, report -o PATH elsewhere) still work{}",
        path.string(), db.status().message(),
        released ? ""
                 : "; `cutover rollback STEP` uses the emergency reserve kept beside the ledger "
                   "(" + LedgerReservePath(path).filename().string() + ")"));
  }
  if (!FolderReadOnly(path)) return db;
  if (!options.read_only_fallback) {
    return Status::IoError(fmt::format(
        "{}: the ledger's folder is read-only (a read-only mount, a full or failing disk "
        "remounted read-only, or no write permission) and this command writes to the ledger; "
        "make the folder writable and run it again. Reading commands (status, routes, history, "
        "mismatches, diff, report -o PATH) still work",
        path.string()));
  }
  return OpenReadOnly(path, options, db.status());
}

Result<std::vector<std::string>> SqliteCheckProblems(SqlDb& db, std::string_view pragma) {
  CUTOVER_ASSIGN_OR_RETURN(SqlStmt check, db.Prepare(pragma));
  std::vector<std::string> problems;
  for (;;) {
    Result<bool> row = check.Step();
    if (!row.ok()) {
      if (row.status().code() != StatusCode::kCorruption) return row.status();
      problems.push_back(row.status().message());
      break;
    }
    if (!*row) break;
    std::string line = check.ColumnText(0);
    if (line != "ok") problems.push_back(std::move(line));
  }
  check.Reset();
  return problems;
}

Status QuickCheckSqliteLedger(SqliteDb& db) {
  CUTOVER_ASSIGN_OR_RETURN(std::vector<std::string> problems,
                           SqliteCheckProblems(db, "PRAGMA quick_check(5)"));
  if (problems.empty()) return Status::Ok();
  return Status::Corruption(fmt::format(
      "the ledger {} is damaged (SQLite's quick check: {}). Nothing was written to it. Restore "
      "it from a backup (`cutover ledger backup PATH` makes one), or salvage what can still be "
      "read into a new file with `cutover ledger copy --from sqlite:{} --to sqlite:NEW.db`, "
      "check it with `cutover ledger check`, and put it in the damaged file's place",
      db.path().string(), Join(problems, "; "), db.path().string()));
}

Result<std::unique_ptr<Ledger>> OpenSqliteLedger(const std::filesystem::path& path,
                                                 const SqliteLedgerOptions& options) {
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, OpenSqliteLedgerDb(path, options));
  return OpenSqlLedger(std::move(db), SqlLedgerOptions{});
}

int SqliteLedgerSchemaVersion() { return LatestLedgerSchemaVersion(); }

}  // namespace cutover
