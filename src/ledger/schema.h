// The ledger's schema: its version and the ordered migrations that build it, in SQLite's and in
// PostgreSQL's dialect (the same versions, the same tables, columns and indexes).
//
// The version lives in the `meta` table (name 'schema_version'). Migration N takes a database
// from version N-1 to N; migration 1 creates the initial schema from an empty file. Migrations
// are only ever appended, never edited once released. docs/ledger.md documents every table.
#pragma once

#include <span>
#include <string_view>

#include "ledger/sql_db.h"
#include "util/status.h"

namespace cutover {

struct Migration {
  int version;                   // the version this migration produces: 1, 2, ...
  std::string_view description;  // for error messages
  std::string_view sql;          // one or more statements, run inside the migration transaction
};

// The migrations this binary knows for a backend, in order.
std::span<const Migration> LedgerMigrations(SqlBackend backend = SqlBackend::kSqlite);
// The version the last of them produces.
int LatestLedgerSchemaVersion();

// The version of `db`: 0 for an empty database. kCorruption when the file holds tables but is not
// a cutover ledger. Runs inside the caller's transaction, if any.
Result<int> ReadSchemaVersion(SqlDb& db);

// kCorruption naming the ledger and the tables when any table of the current schema is missing
// (dropped by hand, or a damaged file); one query. Run after MigrateSchema.
Status CheckLedgerTables(SqlDb& db);

// Brings `db` to the last version of `migrations` (which must be numbered 1, 2, ... in order):
// the pending migrations and the version update run in one write transaction, so a crash
// leaves the old version or the new one, and concurrent openers migrate once. A database
// newer than `migrations` is refused with kFailed: "ledger X has schema version N, this cutover
// knows up to M: upgrade cutover".
Status MigrateSchema(SqlDb& db, std::span<const Migration> migrations);
inline Status MigrateSchema(SqlDb& db) {
  return MigrateSchema(db, LedgerMigrations(db.backend()));
}

}  // namespace cutover
