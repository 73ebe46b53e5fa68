// The SQLite ledger: one file (default .cutover/ledger.db), WAL mode, every write in a
// transaction, a versioned schema with explicit migrations (docs/ledger.md).
#pragma once

#include <filesystem>
#include <memory>

#include "ledger/ledger.h"
#include "util/status.h"

namespace cutover {

// Opens (creating if needed) and migrates the ledger at `path` to the current schema version.
// A database with a newer schema than this binary knows is refused with a clear error.
Result<std::unique_ptr<Ledger>> OpenSqliteLedger(const std::filesystem::path& path);

// The schema version this binary writes.
int SqliteLedgerSchemaVersion();

}  // namespace cutover
