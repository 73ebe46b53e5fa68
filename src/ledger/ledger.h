// The ledger: every run, task, execution, comparison and route change, as evidence.
//
// Interfaces, so that SQLite (default, sqlite_ledger.h) and PostgreSQL (postgres_ledger.h) share
// callers and tests (one implementation over both: sql_ledger.h); open one with open_ledger.h.
// Every method is one transaction: after a crash (even kill -9) each call either happened
// entirely or not at all. Implementations are thread-safe: one Ledger object may be
// used from many threads at once, and many processes may use one database.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ledger/records.h"
#include "util/status.h"

namespace cutover {

// What the ledger answers without changing it: the report, plan, gate and status queries, and
// the point reads of execution. Code that only reads (the report, the planner, the gate) takes a
// LedgerReader. Implementations are thread-safe, like Ledger's.
class LedgerReader {
 public:
  virtual ~LedgerReader() = default;

  // --- runs ---
  // kNotFound for an unknown id.
  virtual Result<RunRecord> GetRun(int64_t run_id) = 0;
  // Runs still marked running (their process may have died; the caller decides).
  virtual Result<std::vector<RunRecord>> UnfinishedRuns() = 0;

  // --- routes ---
  // The current route of a step (kLegacy for a step never routed).
  virtual Result<Route> GetRoute(const std::string& step) = 0;
  virtual Result<std::map<std::string, Route>> GetRoutes() = 0;
  // Every change, oldest first; all steps when `step` is empty.
  virtual Result<std::vector<RouteChange>> History(const std::string& step) = 0;

  // --- tasks and executions ---
  virtual Result<TaskRecord> GetTask(int64_t task_id) = 0;
  virtual Result<ExecutionRecord> GetExecution(int64_t execution_id) = 0;
  virtual Result<std::vector<ExecutionRecord>> ExecutionsOfTask(int64_t task_id) = 0;
  // New-side executions that served (role serving) and did not succeed, counted back from the
  // most recent one until a success, or a route change of the step, whichever comes first.
  virtual Result<int> ConsecutiveNewFailures(const std::string& step) = 0;
  virtual Result<std::vector<ExecutionRecord>> ListExecutions(const ExecutionQuery& query) = 0;

  // --- comparisons ---
  virtual Result<std::vector<ComparisonRecord>> ComparisonsOfTask(int64_t task_id) = 0;
  // kNotFound for an unknown id.
  virtual Result<ComparisonRecord> GetComparison(int64_t comparison_id) = 0;
  // Newest first.
  virtual Result<std::vector<ComparisonRecord>> ListComparisons(const ComparisonQuery& query) = 0;

  // --- evidence for gates ---
  // The step's finished pipeline-run tasks (no replays) started at or after `since_ms` that
  // produced evidence: at least one comparison (superseded ones too), or a failed new-side
  // execution. Oldest first. Comparisons made before `comparisons_since_ms` (made with an earlier `compare:`
  // configuration) count as `superseded` only.
  virtual Result<std::vector<TaskEvidence>> EvidenceSince(const std::string& step,
                                                          int64_t since_ms,
                                                          int64_t comparisons_since_ms = 0) = 0;

  // --- concordance figures ---
  // The step's pipeline-run comparisons made at or after `since_ms` that carry metrics, oldest
  // first (by time, then id).
  virtual Result<std::vector<MetricRecord>> MetricsSince(const std::string& step,
                                                         int64_t since_ms) = 0;
  // Of each output of the step, the latest pipeline-run comparison that carries metrics, sorted
  // by output name.
  virtual Result<std::vector<MetricRecord>> LatestMetrics(const std::string& step) = 0;

  // --- calibrations ---
  // Oldest first; all steps when `step` is empty.
  virtual Result<std::vector<CalibrationRecord>> Calibrations(const std::string& step) = 0;
  // The latest implementation change of (step, subject): its current identity; nullopt when
  // the ledger knows none.
  virtual Result<std::optional<ImplementationChange>> CurrentImplementation(
      const std::string& step, ChangeSubject subject) = 0;
  // Every implementation change of `step` ("" = every step), oldest first.
  virtual Result<std::vector<ImplementationChange>> ImplementationChanges(
      const std::string& step) = 0;

  // --- published outputs (resume) ---
  virtual Result<std::optional<PublishedRecord>> GetPublished(const std::string& step,
                                                              const std::string& sample) = 0;

  // --- the report and status ---
  // One summary per step that has a route or any task, sorted by step name.
  virtual Result<std::vector<StepSummary>> Summaries() = 0;
  // Sorted by step, then week; weeks without activity are absent.
  virtual Result<std::vector<WeeklyActivity>> Activity(int64_t since_ms) = 0;
};

// The whole ledger: LedgerReader's queries and the writes of execution, routing and triage.
class Ledger : public LedgerReader {
 public:
  // Ok while the ledger is still the one opened (an SQLite file deleted or replaced meanwhile is
  // an error saying so); checked before each publication and at the end of a run.
  virtual Status CheckIntact() { return Status::Ok(); }

  // --- runs ---
  virtual Result<int64_t> BeginRun(const RunRecord& run) = 0;
  virtual Status FinishRun(int64_t run_id, RunStatus status, int64_t finished_ms) = 0;
  // Marks the run, its running tasks and their running executions as interrupted.
  virtual Status MarkRunInterrupted(int64_t run_id, int64_t at_ms) = 0;

  // --- routes ---
  // Records a change; `change.from` is ignored and filled from the current route in the same
  // transaction. Returns the stored change (with id and from).
  virtual Result<RouteChange> ChangeRoute(const RouteChange& change) = 0;

  // --- tasks and executions ---
  virtual Result<int64_t> BeginTask(const TaskRecord& task) = 0;
  // Updates status, served_by, fallback, error and finished_ms of task `task.id`.
  virtual Status FinishTask(const TaskRecord& task) = 0;
  virtual Result<int64_t> BeginExecution(const ExecutionRecord& execution) = 0;
  // Updates every result field (status, exit, times, outputs, ...) of `execution.id`.
  virtual Status FinishExecution(const ExecutionRecord& execution) = 0;

  // --- comparisons ---
  virtual Result<int64_t> RecordComparison(const ComparisonRecord& comparison) = 0;
  // Marks a mismatch or error as expected. kNotFound for an unknown id; kFailed
  // when it is a match or noise (nothing to accept) or already accepted (the message says by
  // whom and when). Returns the updated record.
  virtual Result<ComparisonRecord> AcceptComparison(int64_t comparison_id, int64_t at_ms,
                                                    const std::string& user,
                                                    const std::string& reason) = 0;

  // --- calibrations ---
  virtual Result<int64_t> RecordCalibration(const CalibrationRecord& calibration) = 0;
  // Records a side's new identity; returns its id.
  virtual Result<int64_t> RecordImplementationChange(const ImplementationChange& change) = 0;

  // --- published outputs (resume) ---
  // Replaces what is recorded as published for (step, sample).
  virtual Status RecordPublished(const PublishedRecord& published) = 0;
};

}  // namespace cutover
