// The PostgreSQL ledger: the shared SqlLedger (sql_ledger.h) on a PgDb, for teams and many
// machines. Same schema, versions, migrations and guarantees as SQLite (docs/ledger.md,
// "PostgreSQL"); the per-(step, sample) locks live in the same database (pg_task_locks.h).
#pragma once

#include <memory>
#include <string>

#include "ledger/ledger.h"
#include "ledger/pg_db.h"
#include "ledger/sql_ledger.h"
#include "util/status.h"

namespace cutover {

struct PostgresLedgerOptions {
  PgDbOptions db;
  SqlLedgerOptions ledger;
};

// True for postgresql://... and postgres://... URLs.
bool IsPostgresUrl(std::string_view url);

// Connects to `url` and migrates the ledger there to the current schema version. An unreachable
// server is kIoError naming the URL with its password removed; a newer schema is kFailed.
Result<std::unique_ptr<Ledger>> OpenPostgresLedger(const std::string& url,
                                                   const PostgresLedgerOptions& options = {});

}  // namespace cutover
