// One way to open a ledger from its URL, for every command (docs/ledger.md): "" (the default
// SQLite file in the state folder), sqlite:PATH, or postgresql://... (postgres:// too).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "ledger/ledger.h"
#include "ledger/sql_db.h"
#include "ledger/task_lock.h"
#include "util/status.h"

namespace cutover {

struct LedgerOpenOptions {
  // The project's state folder: "" means <state_dir>/ledger.db, and an SQLite ledger's task
  // lock files go under <state_dir>/locks. Empty: "" is not a ledger URL.
  std::filesystem::path state_dir;
  // PostgreSQL: the name pg_stat_activity shows for cutover's connections (unless the URL sets
  // application_name), and how long a call keeps reconnecting after losing the server.
  std::string application_name = "cutover";
  int reconnect_timeout_ms = 60000;
  // SQLite: run its quick check first (QuickCheckSqliteLedger) and refuse a damaged file. For
  // commands that write; `ledger copy` leaves it off so that a damaged ledger can be salvaged.
  bool check_integrity = false;
  // SQLite: on a read-only folder, open the file read-only (SqliteLedgerOptions). For commands
  // that only read.
  bool read_only_fallback = false;
  // SQLite: for `cutover rollback` (SqliteLedgerOptions::release_reserve_when_full).
  bool release_reserve_when_full = false;
};

// The database a ledger URL names, brought to the current schema, with the settings every
// ledger connection uses (SQLite: WAL, foreign keys, synchronous=NORMAL, a busy timeout; see
// sqlite_ledger.h). For tools that work on the tables themselves (ledger copy). Errors name
// the URL, password removed.
Result<std::unique_ptr<SqlDb>> OpenLedgerDb(const std::string& url,
                                            const LedgerOpenOptions& options = {});

// The same database as it is, not migrated, for tools that must not change it (`ledger check`,
// `ledger backup`).
Result<std::unique_ptr<SqlDb>> OpenLedgerDbAsIs(const std::string& url,
                                                const LedgerOpenOptions& options = {});

// The ledger a URL names and the per-(step, sample) locks that go with it: lock files under
// <state_dir>/locks for SQLite (state_dir must be set), advisory locks in the database for
// PostgreSQL.
struct OpenedLedger {
  std::unique_ptr<Ledger> ledger;
  std::unique_ptr<TaskLocks> task_locks;
};
Result<OpenedLedger> OpenLedger(const std::string& url, const LedgerOpenOptions& options);

}  // namespace cutover
