// `cutover ledger backup PATH`: a consistent copy of a ledger, taken while others keep writing.
// An SQLite ledger is copied page by page with SQLite's online backup API (a snapshot: writers
// are not blocked under WAL); a PostgreSQL ledger is copied record by record into a new SQLite
// file (CopyLedger: every table, every id), which `ledger copy` can bring back. Either way the
// copy is written under a temporary name, quick-checked, made durable and only then renamed to
// PATH: a backup interrupted half-way leaves no file that looks like a backup.
#pragma once

#include <filesystem>

#include "ledger/sql_db.h"
#include "util/status.h"

namespace cutover {

struct LedgerBackupOptions {
  bool replace = false;  // an existing PATH is refused unless set
};

// Copies `source` to a new SQLite file at `dest`.
Status BackupLedger(SqlDb& source, const std::filesystem::path& dest,
                    const LedgerBackupOptions& options = {});

}  // namespace cutover
