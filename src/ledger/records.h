// What the ledger stores. Plain values. Times are Unix milliseconds (UTC).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "compare/outcome.h"
#include "route/route.h"
#include "util/status.h"

namespace cutover {

// One `cutover run` / `cutover step` invocation.
enum class RunStatus { kRunning, kSucceeded, kFailed, kInterrupted };
std::string_view ToString(RunStatus s);
Result<RunStatus> ParseRunStatus(std::string_view text);

struct RunRecord {
  int64_t id = 0;
  std::string command;  // the cutover command line
  std::string user;     // OS user
  std::string host;
  int64_t pid = 0;
  int64_t started_ms = 0;
  int64_t finished_ms = 0;  // 0 while running
  RunStatus status = RunStatus::kRunning;
};

// Why a task ran: a pipeline run (live evidence) or a replay of an earlier task on the same
// inputs (`cutover replay`; never publishes, never counts towards a gate).
enum class TaskPurpose { kRun, kReplay };
std::string_view ToString(TaskPurpose p);
Result<TaskPurpose> ParseTaskPurpose(std::string_view text);

// One input file of a task as it was when the task started (replay checks it is unchanged).
struct InputRecord {
  std::string name;
  std::string path;  // absolute
  int64_t size = 0;
  std::string digest;
};

// One step for one sample: its route decision and its outcome.
enum class TaskStatus {
  kRunning,
  kPublished,    // the serving side (possibly the fallback) succeeded and its outputs are published
  kFailed,       // nothing could serve: outputs were not published
  kInterrupted,  // cutover was stopped (Ctrl-C, kill) before the task finished
  kCompared,     // a replay: both sides ran and were compared; nothing is ever published
};
std::string_view ToString(TaskStatus s);
Result<TaskStatus> ParseTaskStatus(std::string_view text);

struct TaskRecord {
  int64_t id = 0;
  int64_t run_id = 0;
  std::string step;
  std::string sample;
  Route route;                         // read once when the task started
  Side serving = Side::kLegacy;        // planned serving side
  std::optional<Side> served_by;       // who actually served (after fallback), when published
  bool fallback = false;               // the legacy side served because the new side failed
  TaskStatus status = TaskStatus::kRunning;
  std::string fingerprint;             // inputs + implementation + route (for resume)
  std::string error;                   // why it failed, for humans
  int64_t started_ms = 0;
  int64_t finished_ms = 0;
  TaskPurpose purpose = TaskPurpose::kRun;
  int64_t replay_of = 0;               // the replayed task (purpose kReplay)
  std::vector<InputRecord> inputs;     // written by BeginTask, read by GetTask
};

// One side's process run.
enum class ExecStatus {
  kRunning,
  kSucceeded,      // exit 0 and every declared output present
  kFailed,         // non-zero exit
  kSignaled,       // killed by a signal it did not get from us
  kTimedOut,       // killed by us at its timeout
  kMissingOutput,  // exit 0 but a declared output is missing
  kSpawnFailed,    // could not start (command not found, ...)
  kInterrupted,    // cutover was stopped while it ran
  kCancelled,      // stopped by cutover because it was no longer needed
  kSchedulerKilled,  // a batch scheduler ended it (Slurm: time limit, scancel by someone else,
                     // node failure, preemption, out of memory); error names the job and state
};
std::string_view ToString(ExecStatus s);
Result<ExecStatus> ParseExecStatus(std::string_view text);

struct OutputRecord {
  std::string name;
  std::string path;  // published path relative to the pipeline root
  int64_t size = 0;
  std::string digest;
};

struct ExecutionRecord {
  int64_t id = 0;
  int64_t task_id = 0;
  std::string step;
  std::string sample;
  Side side = Side::kLegacy;
  Role role = Role::kServing;
  std::vector<std::string> argv;  // exactly what was executed
  std::string scratch_dir;
  ExecStatus status = ExecStatus::kRunning;
  int exit_code = -1;
  int signal = 0;
  int64_t wall_ms = 0;
  int64_t cpu_ms = 0;      // user + system, including waited-for children
  int64_t max_rss_kb = 0;  // peak resident set size of the largest process
  std::string stderr_tail;
  std::string error;  // human explanation (missing output names, spawn error)
  std::vector<OutputRecord> outputs;
  int64_t started_ms = 0;
  int64_t finished_ms = 0;
  TaskPurpose purpose = TaskPurpose::kRun;  // its task's
  // The identity digest of the implementation that ran (run/implementation_identity.h); ""
  // when not known (executions recorded before cutover recorded it, calibration runs).
  std::string impl_digest;
};

struct ComparisonRecord {
  int64_t id = 0;
  int64_t task_id = 0;
  std::string step;
  std::string sample;
  std::string output;      // output name
  std::string comparator;  // "bytes", "text", ...
  Outcome outcome = Outcome::kError;
  nlohmann::json summary = nlohmann::json::object();  // the comparator's structured summary
  int64_t legacy_execution_id = 0;
  int64_t new_execution_id = 0;
  int64_t at_ms = 0;
  TaskPurpose purpose = TaskPurpose::kRun;  // its task's
  // Set by `cutover accept`: the difference is expected (it then counts as explained).
  int64_t accepted_ms = 0;  // 0: not accepted
  std::string accepted_by;
  std::string accept_reason;
  bool accepted() const { return accepted_ms != 0; }
};

// Which comparisons ListComparisons returns, newest first.
struct ComparisonQuery {
  std::string step;               // empty: every step
  std::vector<Outcome> outcomes;  // empty: every outcome
  bool include_accepted = true;
  bool only_accepted = false;     // only those `cutover accept` explained
  bool include_replays = true;
  int64_t limit = 0;  // 0: no limit
};

// One comparison's concordance figures (the `metrics` column, schema 6; comparator.h), for the
// report's charts and `cutover status`.
struct MetricRecord {
  int64_t comparison_id = 0;
  int64_t task_id = 0;
  std::string sample;
  std::string output;
  std::string comparator;
  Outcome outcome = Outcome::kMatch;
  int64_t at_ms = 0;
  nlohmann::json metrics = nlohmann::json::object();  // {NAME: number, or null: not measured}
};

// What the gate needs to know about one compared task (route/gate.h does the arithmetic).
struct TaskEvidence {
  int64_t task_id = 0;
  std::string sample;
  int64_t started_ms = 0;
  int64_t matches = 0;    // comparisons: match or noise
  int64_t explained = 0;  // mismatch or error, accepted
  int64_t unexplained = 0;
  bool new_failed = false;  // the new side ran (shadow or serving) and failed
  // Comparisons made before the `comparisons_since_ms` given to EvidenceSince (an earlier
  // `compare:` configuration): not counted above.
  int64_t superseded = 0;
  // The lowest value of each concordance metric over the task's comparisons (their
  // summaries' "metrics"), for min_metric gates.
  std::map<std::string, double> min_metrics;
};

// Its implicit moves are not noexcept (those of its nlohmann::json member are not):
struct RouteChange {  // NOLINT(bugprone-exception-escape)
  int64_t id = 0;
  std::string step;
  int64_t at_ms = 0;
  std::string user;  // OS user, or "cutover" for automatic changes
  Route from;
  Route to;
  std::string reason;
  bool automatic = false;
  bool forced = false;                  // a promotion made with --force despite the gate
  // When set, ChangeRoute refuses (kBusy) unless the current route is this one: a promotion
  // decided on the evidence of one stage must not apply to another.
  std::optional<Route> expect_from;
  nlohmann::json evidence = nullptr;    // the gate's evaluation at a promotion
  // Read back only: set when the stored from/to is no route cutover writes (edited or damaged;
  // `ledger check` lists it). `from`/`to` then hold the nearest valid route, for display only:
  // nothing is decided on a damaged change (the current route refuses it, the gate too).
  std::string damaged;
};

// What an implementation change is about: one side's implementation, or how the step's outputs
// are compared (its `compare:` configuration, which decides every verdict as much as the sides).
enum class ChangeSubject { kLegacy, kNew, kCompare };
std::string_view ToString(ChangeSubject s);  // "legacy", "new", "compare"
Result<ChangeSubject> ParseChangeSubject(std::string_view text);
inline ChangeSubject SubjectOf(Side side) {
  return side == Side::kLegacy ? ChangeSubject::kLegacy : ChangeSubject::kNew;
}

// A side's implementation (or the step's comparison) as a run first met it, different from the
// one the ledger knew (`from_digest` "" when it knew none): the drift of an implementation
// (issue 14). The latest change of a (step, subject) holds its current identity.
struct ImplementationChange {
  int64_t id = 0;
  std::string step;
  ChangeSubject subject = ChangeSubject::kLegacy;
  int64_t at_ms = 0;
  int64_t run_id = 0;  // 0: none
  std::string from_digest;
  std::string to_digest;
  std::string description;  // the new identity, whole: "definition 1a2b3c4d, file new/x.py ..."
  std::string change;       // what differs: "file new/x.py (was 3f2a1b2c, now 9b1c2d3e)"; ""
                            // for a first identity
  nlohmann::json parts = nlohmann::json::array();  // [{name, value, display}] of the new one
};

// One `cutover calibrate`: the legacy side run several times on the same input.
struct CalibrationRecord {
  int64_t id = 0;
  std::string step;
  std::string sample;
  int64_t at_ms = 0;
  std::string user;
  int runs = 0;
  bool deterministic = false;  // every run's outputs matched the first run's
  nlohmann::json proposal = nlohmann::json::object();  // output name -> proposed compare spec
  nlohmann::json details = nlohmann::json::array();    // per output and run: the comparisons
};

// What is currently published for (step, sample): used to skip unchanged work on resume.
struct PublishedOutput {
  std::string name;
  std::string path;  // relative to the pipeline root
  int64_t size = 0;
  int64_t mtime_ns = 0;
  std::string digest;
};
struct PublishedRecord {
  std::string step;
  std::string sample;
  int64_t task_id = 0;
  std::string fingerprint;
  std::vector<PublishedOutput> outputs;
  int64_t at_ms = 0;
};

// Per-step counts for `cutover status`.
struct StepSummary {
  std::string step;
  Route route;
  int64_t tasks = 0;
  int64_t tasks_failed = 0;
  int64_t executions_legacy = 0;
  int64_t executions_new = 0;
  int64_t new_failures = 0;  // new-side executions that did not succeed
  int64_t fallbacks = 0;
  int64_t comparisons_match = 0;
  int64_t comparisons_mismatch = 0;
  int64_t comparisons_noise = 0;
  int64_t comparisons_error = 0;
  std::optional<ExecutionRecord> last_failure;  // most recent execution that did not succeed
  // The most recent pipeline-run task that failed (status failed), with its error: it may have
  // failed before any side ran (a missing upstream output), which no execution records.
  std::optional<TaskRecord> last_failed_task;
};

// Which executions ListExecutions returns, newest first. Pipeline runs only (no replays).
struct ExecutionQuery {
  std::string step;                 // empty: every step
  std::optional<Side> side;         // unset: both sides
  enum class Which { kAll, kSucceeded, kFailed } which = Which::kAll;  // kFailed: CountsAsFailure
  int64_t since_ms = 0;             // started at or after
  int64_t limit = 0;                // 0: no limit
  bool with_outputs = false;        // also load each execution's outputs (one more query each)
};

// Whether an execution's status counts as a failure of its side (for fallbacks, rollbacks and
// reports): failed, signaled, timed out, missing output, spawn failed. Running, succeeded,
// interrupted and cancelled do not.
bool CountsAsFailure(ExecStatus s);
// Those statuses as a SQL list of quoted names: "'failed', 'signaled', ..." (for `IN (...)`).
std::string FailureStatusesSql();

// What happened to one step in one week (Monday 00:00 UTC to the next), for `cutover report`.
// Pipeline runs only. Tasks and executions count in the week they started, comparisons in the
// week they were made.
struct WeeklyActivity {
  std::string step;
  int64_t week_ms = 0;  // the Monday 00:00 UTC that starts the week
  int64_t tasks = 0;
  int64_t tasks_failed = 0;
  int64_t served_legacy = 0;  // published tasks, by the side that served
  int64_t served_new = 0;
  int64_t fallbacks = 0;
  int64_t failures_legacy = 0;  // executions that CountsAsFailure
  int64_t failures_new = 0;
  int64_t comparisons_match = 0;
  int64_t comparisons_mismatch = 0;
  int64_t comparisons_noise = 0;
  int64_t comparisons_error = 0;
  int64_t comparisons_accepted = 0;  // mismatches and errors accepted since (cutover accept)
  int64_t comparisons_accepted_error = 0;  // of comparisons_accepted, the errors
};

// The Monday 00:00 UTC at or before `ms` (weeks of WeeklyActivity).
int64_t WeekStartMs(int64_t ms);
inline constexpr int64_t kWeekMs = 7LL * 24 * 3600 * 1000;

}  // namespace cutover
