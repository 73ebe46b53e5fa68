// Finding runs whose cutover process died (kill -9, power loss) and closing their records.
//
// Every run holds a lock file named after its host and pid for its whole life; the kernel drops
// it when the process dies. A run still marked "running" whose lock can be taken is dead: it,
// its running tasks and their running executions are marked interrupted, so the ledger never
// claims work is in progress that is not. Re-running then does the work again (unpublished
// tasks have no matching published record). Slurm jobs the dead process submitted and that
// never finished are scancelled (exec/slurm_leftovers.h).
#pragma once

#include <optional>

#include "exec/file_lock.h"
#include "run/context.h"
#include "util/status.h"

namespace cutover {

// Takes this process's run lock (before BeginRun, so no other process can mistake this run for
// a dead one). Keep it until the run is finished.
Result<FileLock> AcquireRunLock(const RunContext& ctx);

// Marks dead runs of this host interrupted; returns how many. Runs of other hosts are left
// alone (their liveness cannot be checked from here).
Result<int> RecoverDeadRuns(const RunContext& ctx);

}  // namespace cutover
