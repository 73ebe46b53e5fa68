// `cutover ledger check`: everything that can be checked about a ledger without trusting it.
// SQLite's full integrity check and foreign-key check (SQLite only; a PostgreSQL server keeps
// its own pages), the schema version and tables, and every enumerated value and route a cutover
// could have written (a canary of -5 %, an unknown status): what the commands would refuse as
// corruption when they meet it, listed all at once.
#pragma once

#include <string>
#include <vector>

#include "ledger/sql_db.h"
#include "util/status.h"

namespace cutover {

// The problems found, each a line naming the table (and row id where there is one); empty when
// the ledger is sound. An error only when the checks themselves cannot run.
Result<std::vector<std::string>> CheckLedger(SqlDb& db);

}  // namespace cutover
