// The Ledger over an SQL database: one implementation for SQLite (sqlite_ledger.h) and
// PostgreSQL (postgres_ledger.h), written in the SQL both accept (sql_db.h). Adding a query to
// the Ledger means writing it once, in sql_ledger.cc.
#pragma once

#include <memory>

#include "ledger/ledger.h"
#include "ledger/sql_db.h"
#include "util/status.h"

namespace cutover {

struct SqlLedgerOptions {
  // After a lost connection (PostgreSQL only), how long a call keeps reconnecting, with
  // backoff from 0.1 s to 2 s, before it fails with kIoError. Long enough for a server restart;
  // short enough that a run whose database is gone stops with a clear message.
  int reconnect_timeout_ms = 60000;
};

// Brings `db` to the current schema (schema.cc) and wraps it.
Result<std::unique_ptr<Ledger>> OpenSqlLedger(std::unique_ptr<SqlDb> db,
                                              const SqlLedgerOptions& options = {});

}  // namespace cutover
