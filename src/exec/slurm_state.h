// What Slurm's commands print, parsed: sbatch's job id, job states (squeue, sacct) and sacct's
// accounting lines. Pure functions over text, so the runner's decisions are unit-testable
// without a cluster.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace cutover {

// A job's state as squeue's %T or sacct's State column names it.
enum class SlurmJobState {
  kPending,
  kRunning,
  kCompleting,  // ended; the node is still cleaning up (processes may be alive)
  kSuspended,
  kOther,       // a state that is neither final nor one we act on (CONFIGURING, REQUEUED, ...)
  kCompleted,   // the batch script exited 0
  kFailed,      // the batch script exited non-zero
  kCancelled,   // scancel (by us, a user or an administrator)
  kTimeout,     // reached its time limit
  kNodeFail,
  kPreempted,
  kOutOfMemory,
  kBootFail,
  kDeadline,
  kRevoked,
};
std::string_view ToString(SlurmJobState state);
// "RUNNING", "CANCELLED by 0", "OUT_OF_MEMORY", "CA" (short form): unknown names are kOther.
SlurmJobState ParseSlurmJobState(std::string_view text);
// The job has ended and will not run again.
bool IsFinal(SlurmJobState state);
// Ended by the scheduler rather than by its own exit: time limit, cancel, node failure,
// preemption, out of memory, boot failure, deadline.
bool EndedByScheduler(SlurmJobState state);
// "reached its time limit (TIMEOUT)", ...
std::string DescribeSchedulerEnd(SlurmJobState state);

// `sbatch --parsable` prints "JOBID" or "JOBID;CLUSTER".
Result<int64_t> ParseSbatchJobId(std::string_view stdout_text);

// One line of `squeue -h -o %i|%T|%r` (job id, state, reason).
struct SqueueLine {
  int64_t job_id = 0;
  SlurmJobState state = SlurmJobState::kOther;
  std::string state_text;
  std::string reason;
};
// The line of job `job_id` in squeue's output, nullopt when the job is not listed.
Result<std::optional<SqueueLine>> ParseSqueue(std::string_view stdout_text, int64_t job_id);

// squeue's and sacct's answer for a job slurmctld has already forgotten (MinJobAge).
bool IsUnknownJobError(std::string_view stderr_text);
// sacct's answer on a cluster without accounting storage.
bool IsAccountingDisabled(std::string_view text);

// sbatch's refusal because a limit on the number of jobs is reached, which lifts as jobs end:
// the QOS's or association's MaxSubmitJobs ("QOSMaxSubmitJobPerUserLimit",
// "AssocMaxSubmitJobLimit", "Job violates accounting/QOS policy (job submit limit, ...)"), or
// slurmctld's MaxJobCount ("Slurm temporarily unable to accept job, sleeping and retrying",
// "Resource temporarily unavailable", "Maximum job count reached"). Not when the message
// names a per-job limit (QOSMaxWallDurationPerJobLimit, ...): that job would never be accepted.
// Messages that leave it unknown whether the job was queued (a socket time-out) are not one.
bool IsSubmitLimitReached(std::string_view sbatch_stderr);

// A job's accounting, from `sacct -n -P -j ID --format=JobID,State,ExitCode,ElapsedRaw,TotalCPU,MaxRSS`
// (the job's line and its steps' lines, e.g. "42.batch").
struct SacctJob {
  SlurmJobState state = SlurmJobState::kOther;
  std::string state_text;
  int exit_code = 0;   // "2:0" -> 2
  int signal = 0;      // "0:9" -> 9
  int64_t wall_ms = 0;
  int64_t cpu_ms = 0;
  int64_t max_rss_kb = 0;  // the largest over the job's steps
};
// nullopt when sacct lists nothing for the job.
Result<std::optional<SacctJob>> ParseSacct(std::string_view stdout_text, int64_t job_id);

// Slurm's time formats: "MM:SS.mmm", "HH:MM:SS", "D-HH:MM:SS" (TotalCPU, Elapsed) -> ms.
Result<int64_t> ParseSlurmDurationMs(std::string_view text);
// sacct's memory sizes: "1234K", "12.5M", "3G"; a bare number is bytes ("0", "512") -> KiB.
Result<int64_t> ParseSlurmMemoryKb(std::string_view text);

// `--time` for sbatch: whole minutes, rounded up, at least 1 ("5" = 5 minutes).
std::string SlurmTimeLimit(int64_t ms);

}  // namespace cutover
