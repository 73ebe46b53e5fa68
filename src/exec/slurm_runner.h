// A ProcessRunner that runs each process as its own Slurm batch job, through Slurm's commands
// (sbatch, squeue, sacct, scancel) run as processes: no libslurm. See docs/executors.md.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "exec/process.h"

namespace cutover {

// Where and how the jobs run. One runner per distinct configuration (a step's executor).
struct SlurmOptions {
  // The resources each job asks for ("" / 0 = sbatch's default, i.e. the cluster's).
  std::string partition;
  int cpus = 0;             // --cpus-per-task
  std::string mem;          // --mem, e.g. "4G"
  int64_t time_limit_ms = 0;  // --time; 0 = the spec's timeout (rounded up to whole minutes)
  // How long a job may stay pending in the queue: then it is scancelled and Run() returns
  // kSpawnFailed naming the job, the wait and Slurm's reason. 0 = as long as it takes.
  int64_t queue_limit_ms = 0;
  std::string account;
  std::string qos;
  std::vector<std::string> sbatch_args;  // anything else, passed to sbatch as given

  // This cutover binary, run inside each job as the wrapper; it must be at the same path on the
  // compute nodes (a shared file system, or the same install everywhere).
  std::filesystem::path self_exe;
  // Job folders for specs without a job_dir: must be on the shared file system.
  std::filesystem::path job_root;
  // "HOST PID" of this cutover, written into each job folder before the job is submitted, so
  // that if this process dies the next run can cancel what it left (exec/slurm_leftovers.h).
  std::string submitter;

  // Slurm's commands (looked up on PATH unless they contain a '/').
  std::string sbatch = "sbatch";
  std::string squeue = "squeue";
  std::string sacct = "sacct";
  std::string scancel = "scancel";

  // Polling slurmctld with squeue: the first poll after `poll_initial_ms`, then each wait 1.5x
  // longer up to `poll_max_ms` (a busy controller is asked rarely for a long job). The job's
  // result file is looked at every `result_check_ms` in between (a cheap stat on the shared
  // file system), so a finished job is noticed at once without asking slurmctld.
  int64_t poll_initial_ms = 200;
  int64_t poll_max_ms = 5000;
  int64_t result_check_ms = 100;
  // How long after squeue reports the job ended to wait for its result file to appear (the
  // shared file system's attribute cache may hide it for a while).
  int64_t result_grace_ms = 15000;
  // Beyond the spec's timeout (which the wrapper enforces inside the job), how long a job may
  // run before cutover scancels it itself (a wrapper that cannot be trusted to end it).
  int64_t timeout_slack_ms = 30000;
  // After scancel: how long to wait for the job to leave squeue's active states.
  int64_t cancel_wait_ms = 60000;
  // sbatch refused the job because a limit on queued jobs is reached (IsSubmitLimitReached:
  // MaxSubmitJobs of the QOS or association, slurmctld's MaxJobCount): submit again after
  // `submit_retry_initial_ms`, each wait twice longer up to `submit_retry_max_ms`, until Slurm
  // accepts it, the CancelToken is set (kCancelled), or, with queue_limit_ms, that long has
  // passed since the first try (kSpawnFailed, naming sbatch's answer).
  int64_t submit_retry_initial_ms = 5000;
  int64_t submit_retry_max_ms = 60000;
  // Told each wait for a submission limit, as one line ("qc s1 (new): sbatch: ...; submitting
  // again in 10s"); null = nobody. Called from Run()'s threads: must be thread-safe.
  std::function<void(const std::string&)> note;
  // Each Slurm command's own limit, and how many failed squeue polls in a row (slurmctld
  // unreachable) are tolerated before the job is given up (and scancelled).
  int64_t command_timeout_ms = 60000;
  int max_poll_failures = 20;
};

// Run(): writes the spec into the job folder (spec.job_dir, else a new folder under
// options.job_root), submits `cutover slurm-job DIR` with sbatch, polls until the job ends and
// returns the ProcessResult the wrapper measured inside the job (exit status, wall and CPU
// time of the side itself: queue time is not included, max RSS). A successful result is taken
// at once; a failed one only once squeue reports the job's final state, which decides whether
// the scheduler killed it. Differences from the local runner:
// - kSchedulerKilled: the job ended by the scheduler's hand (time limit, scancel by someone
//   else, node failure, preemption, out of memory); `error` names the job and its state, and
//   wall/CPU/RSS come from sacct when accounting is configured.
// - kSpawnFailed also covers a rejected submission (sbatch's message) and a job that ended
//   without writing its result (the wrapper could not start on the node: the log's tail). A
//   submission refused for a full queue is not rejected: it waits and is tried again (above).
// - kCancelled: the token was set; the job was scancelled and Run() waited (up to
//   cancel_wait_ms) until Slurm reports it ended.
// - kTimedOut: the wrapper killed the side at spec.timeout_ms; if the wrapper fails to, cutover
//   scancels the job timeout_slack_ms later and also reports kTimedOut.
// Thread-safe: concurrent Run() calls share only the options and `tools`.
std::unique_ptr<ProcessRunner> MakeSlurmRunner(SlurmOptions options, ProcessRunner* tools);

}  // namespace cutover
