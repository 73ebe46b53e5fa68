// `cutover ledger prune --older-than D`: dropping the detail of old executions that only
// pointed into their scratch folders, once those folders are gone.
//
// Every execution records its scratch folder, its stderr tail and the outputs it wrote there
// (path, size, digest). The scratch folders themselves are deleted as runs go (settings
// retain_scratch keeps the last N per step); what the ledger says about them then only serves
// an audit of long ago. For an execution that finished before the cut-off and whose scratch
// folder no longer exists, pruning empties `scratch_dir`, empties the stderr tail of a side
// that succeeded (a failure keeps it: `status` shows the last one), and deletes its
// `execution_outputs` rows. Nothing that evidence is computed from is touched: tasks, their
// inputs, statuses, routes, comparisons (outcomes, summaries, metrics), published outputs. An
// execution whose scratch folder still exists is left whole (recompare and diff may use it).
//
// Works in batches of a few thousand executions, each its own short write transaction, so
// runs writing to the ledger at the same time are not held up. SQLite files do not shrink
// (cutover never vacuums: a smaller ledger file is how a truncation is detected); the freed
// pages are reused by later writes, which bounds the file's growth.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "ledger/sql_db.h"
#include "util/status.h"

namespace cutover {

struct LedgerPruneOptions {
  int64_t before_ms = 0;  // executions that finished before this time (ms since the epoch)
  bool dry_run = false;   // count what would be pruned; change nothing
  // Whether an execution's scratch folder is gone. Default: it does not exist on this machine.
  std::function<bool(const std::string& scratch_dir)> scratch_gone;
};

struct LedgerPruneResult {
  int64_t executions = 0;  // executions pruned (or that would be)
  int64_t outputs = 0;     // execution_outputs rows deleted (or that would be)
  int64_t kept = 0;        // old enough, but their scratch folder is still there
};

Result<LedgerPruneResult> PruneScratchDetail(SqlDb& db, const LedgerPruneOptions& options);

}  // namespace cutover
