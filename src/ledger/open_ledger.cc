#include "ledger/open_ledger.h"

#include <fmt/format.h>

#include "ledger/ledger_check_stamp.h"
#include "ledger/ledger_presence.h"
#include "ledger/pg_db.h"
#include "ledger/pg_task_locks.h"
#include "ledger/postgres_ledger.h"
#include "ledger/schema.h"
#include "ledger/sql_ledger.h"
#include "ledger/sqlite_ledger.h"

namespace cutover {
namespace {

PgDbOptions PgOptions(const LedgerOpenOptions& options) {
  PgDbOptions pg;
  pg.application_name = options.application_name;
  return pg;
}

// The connection, not yet migrated.
Result<std::unique_ptr<SqlDb>> Connect(const std::string& url, const LedgerOpenOptions& options) {
  if (IsPostgresUrl(url)) {
    CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<PgDb> db, PgDb::Connect(url, PgOptions(options)));
    return std::unique_ptr<SqlDb>(std::move(db));
  }
  std::filesystem::path path;
  if (url.empty() && !options.state_dir.empty()) {
    path = options.state_dir / "ledger.db";
  } else if (url.starts_with("sqlite:") && url.size() > 7) {
    path = url.substr(7);
  } else {
    return Status::InvalidArgument(fmt::format(
        "ledger '{}' is neither sqlite:PATH nor postgresql://...", RedactPostgresUrl(url)));
  }
  CUTOVER_RETURN_IF_ERROR(RefuseLostLedger(path, options.state_dir));
  SqliteLedgerOptions sqlite_options;
  sqlite_options.read_only_fallback = options.read_only_fallback;
  sqlite_options.release_reserve_when_full = options.release_reserve_when_full;
  // The quick check, unless the file is as a verified command left it (ledger_check_stamp.h;
  // looked at before SQLite opens it, which creates the write-ahead log); a ledger verified
  // either way is remembered as verified when this connection closes.
  bool verified = LedgerUnchangedSinceChecked(options.state_dir, path);
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<SqliteDb> db, OpenSqliteLedgerDb(path, sqlite_options));
  if (!verified && options.check_integrity) {
    CUTOVER_RETURN_IF_ERROR(QuickCheckSqliteLedger(*db));
    verified = true;
  }
  if (verified) {
    db->SetAfterClose([state_dir = options.state_dir, path] { RememberLedgerChecked(state_dir, path); });
  }
  return std::unique_ptr<SqlDb>(std::move(db));
}

// Once an SQLite ledger holds the schema, the state folder remembers it (ledger_presence.h).
// Best effort: a read-only state folder must not stop reading commands.
void Remember(const SqlDb& db, const LedgerOpenOptions& options) {
  if (db.backend() == SqlBackend::kSqlite) (void)RememberLedger(db.Describe(), options.state_dir);
}

}  // namespace

Result<std::unique_ptr<SqlDb>> OpenLedgerDbAsIs(const std::string& url,
                                                const LedgerOpenOptions& options) {
  return Connect(url, options);
}

Result<std::unique_ptr<SqlDb>> OpenLedgerDb(const std::string& url,
                                            const LedgerOpenOptions& options) {
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<SqlDb> db, Connect(url, options));
  CUTOVER_RETURN_IF_ERROR(MigrateSchema(*db));
  Remember(*db, options);
  return db;
}

Result<OpenedLedger> OpenLedger(const std::string& url, const LedgerOpenOptions& options) {
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<SqlDb> db, Connect(url, options));
  const bool postgres = db->backend() == SqlBackend::kPostgres;
  OpenedLedger out;
  SqlLedgerOptions ledger_options;
  ledger_options.reconnect_timeout_ms = options.reconnect_timeout_ms;
  SqlDb& raw = *db;
  CUTOVER_ASSIGN_OR_RETURN(out.ledger, OpenSqlLedger(std::move(db), ledger_options));
  Remember(raw, options);
  if (postgres) {
    PgTaskLocksOptions lock_options;
    lock_options.db = PgOptions(options);
    lock_options.reconnect_timeout_ms = options.reconnect_timeout_ms;
    out.task_locks = MakePostgresTaskLocks(url, lock_options);
  } else {
    if (options.state_dir.empty()) {
      return Status::InvalidArgument("an SQLite ledger needs the state folder for its lock files");
    }
    out.task_locks = MakeFileTaskLocks(options.state_dir / "locks");
  }
  return out;
}

}  // namespace cutover
