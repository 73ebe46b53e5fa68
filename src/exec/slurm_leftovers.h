// Slurm jobs left running by a cutover that died (kill -9, power loss): a Ctrl-C scancels its
// jobs, a dead process cannot. Every job folder names its submitter (SlurmJobFiles::submitter:
// "HOST PID"), so the next run on that host, once it has found the dead run (run/recovery.h),
// finds the jobs that dead process submitted and that never wrote their result, and cancels
// them: they would otherwise hold cluster resources until their time limit, for outputs nobody
// will publish (their tasks are redone under new task ids, in new folders).
#pragma once

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "exec/process.h"
#include "util/status.h"

namespace cutover {

// "HOST PID": what a job folder's submitter file holds.
std::string SlurmSubmitter(const std::string& host, int64_t pid);

// The Slurm job ids recorded in job folders under `root` (searched to `depth` levels of folders
// below it; the scratch layout is STEP/TASK/SIDE.job, depth 3) whose submitter is `host` with
// one of `dead_pids` and which have no result file, in ascending order.
std::vector<int64_t> FindLeftoverSlurmJobs(const std::filesystem::path& root,
                                           const std::string& host,
                                           const std::set<int64_t>& dead_pids, int depth = 3);

// Runs `scancel ID...` through `runner` (Slurm answers at once; the jobs end shortly after),
// its stderr kept in `stderr_path`. kIoError with scancel's last stderr line when it failed.
Status CancelSlurmJobs(ProcessRunner& runner, const std::vector<int64_t>& ids,
                       const std::filesystem::path& stderr_path,
                       const std::string& scancel = "scancel");

}  // namespace cutover
