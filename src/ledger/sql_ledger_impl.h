// The SqlLedger class, shared by its two halves: sql_ledger.cc (writes, point reads, the
// transaction wrapper) and sql_ledger_queries.cc (the report, plan and gate queries of
// LedgerReader). Internal to the ledger folder: others use sql_ledger.h.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "ledger/ledger.h"
#include "ledger/sql_db.h"
#include "ledger/sql_ledger.h"
#include "ledger/sql_rows.h"
#include "util/status.h"

namespace cutover::ledger_sql {

// The Ledger over one SQL connection, SQLite or PostgreSQL (schema: schema.cc, docs/ledger.md).
// The SQL below is the shared dialect of sql_db.h: write a new query once, for both backends.
//
// Thread-safety: every public method holds mu_ for its whole duration and runs exactly one
// transaction on the connection, so one object may be used from many threads; its calls are
// serialized (the database admits one cutover writer at a time anyway, and every call is
// short). Other objects and processes on the same database are serialized by the database:
// writes take its write lock up front (SqlDb::TxnMode::kWrite) and wait up to the busy
// timeout; reads see the last committed state and never wait for writers.
class SqlLedger final : public Ledger {
 public:
  SqlLedger(std::unique_ptr<SqlDb> db, SqlLedgerOptions options)
      : options_(options), db_(std::move(db)) {}

  Status CheckIntact() override { return db_->CheckStillThere(); }
  Result<int64_t> BeginRun(const RunRecord& run) override;
  Status FinishRun(int64_t run_id, RunStatus status, int64_t finished_ms) override;
  Result<RunRecord> GetRun(int64_t run_id) override;
  Result<std::vector<RunRecord>> UnfinishedRuns() override;
  Status MarkRunInterrupted(int64_t run_id, int64_t at_ms) override;

  Result<Route> GetRoute(const std::string& step) override;
  Result<std::map<std::string, Route>> GetRoutes() override;
  Result<RouteChange> ChangeRoute(const RouteChange& change) override;
  Result<std::vector<RouteChange>> History(const std::string& step) override;

  Result<int64_t> BeginTask(const TaskRecord& task) override;
  Status FinishTask(const TaskRecord& task) override;
  Result<TaskRecord> GetTask(int64_t task_id) override;
  Result<int64_t> BeginExecution(const ExecutionRecord& execution) override;
  Status FinishExecution(const ExecutionRecord& execution) override;
  Result<ExecutionRecord> GetExecution(int64_t execution_id) override;
  Result<std::vector<ExecutionRecord>> ExecutionsOfTask(int64_t task_id) override;
  Result<int> ConsecutiveNewFailures(const std::string& step) override;

  Result<int64_t> RecordComparison(const ComparisonRecord& comparison) override;
  Result<std::vector<ComparisonRecord>> ComparisonsOfTask(int64_t task_id) override;

  Status RecordPublished(const PublishedRecord& published) override;
  Result<std::optional<PublishedRecord>> GetPublished(const std::string& step,
                                                      const std::string& sample) override;

  Result<std::vector<StepSummary>> Summaries() override;
  Result<std::vector<WeeklyActivity>> Activity(int64_t since_ms) override;
  Result<std::vector<ExecutionRecord>> ListExecutions(const ExecutionQuery& query) override;
  Result<ComparisonRecord> GetComparison(int64_t comparison_id) override;
  Result<std::vector<ComparisonRecord>> ListComparisons(const ComparisonQuery& query) override;
  Result<ComparisonRecord> AcceptComparison(int64_t comparison_id, int64_t at_ms,
                                            const std::string& user,
                                            const std::string& reason) override;
  Result<std::vector<TaskEvidence>> EvidenceSince(const std::string& step, int64_t since_ms,
                                                  int64_t comparisons_since_ms) override;
  Result<std::vector<MetricRecord>> MetricsSince(const std::string& step,
                                                 int64_t since_ms) override;
  Result<std::vector<MetricRecord>> LatestMetrics(const std::string& step) override;
  Result<int64_t> RecordCalibration(const CalibrationRecord& calibration) override;
  Result<int64_t> RecordImplementationChange(const ImplementationChange& change) override;
  Result<std::optional<ImplementationChange>> CurrentImplementation(const std::string& step,
                                                                    ChangeSubject subject) override;
  Result<std::vector<ImplementationChange>> ImplementationChanges(
      const std::string& step) override;
  Result<std::vector<CalibrationRecord>> Calibrations(const std::string& step) override;

 private:
  Result<ComparisonRecord> LoadComparison(int64_t comparison_id);
  // Locks mu_ and runs `body` in one transaction: committed when it returns OK, rolled back
  // otherwise. `body` returns Status or Result<T>.
  template <typename Body>
  auto Transaction(SqlTxn::Mode mode, Body&& body) -> decltype(body());

  // Helpers, called inside a transaction with mu_ held.
  // The latest route of `step` made valid (an unknown mode as `new`, the one that serves new
  // code; a canary share clamped to 0-100), for a rollback off a damaged route.
  Result<Route> NearestValidRoute(const std::string& step);
  Result<Route> CurrentRoute(const std::string& step);
  Status InsertExecutionOutputs(int64_t execution_id, const std::vector<OutputRecord>& outputs);
  Status LoadExecutionOutputs(ExecutionRecord& execution);
  Result<ExecutionRecord> LoadExecution(int64_t execution_id);
  // " INDEXED BY <index>" on SQLite (whose planner would otherwise sort a whole table for the
  // report's queries); nothing on PostgreSQL, whose planner picks from statistics.
  std::string Hint(std::string_view index) const {
    return db_->backend() == SqlBackend::kSqlite ? fmt::format(" INDEXED BY {}", index) : "";
  }

  // After a lost connection: reconnects with backoff for up to options_.reconnect_timeout_ms.
  Status ReconnectWithBackoff(const Status& lost);

  const SqlLedgerOptions options_;  // constant after construction
  std::mutex mu_;
  // Guarded by mu_ (the pointer itself is constant after construction).
  const std::unique_ptr<SqlDb> db_;
};

template <typename Body>
auto SqlLedger::Transaction(SqlTxn::Mode mode, Body&& body) -> decltype(body()) {
  std::lock_guard<std::mutex> lock(mu_);
  while (true) {
    bool committing = false;
    auto result = [&]() -> decltype(body()) {
      CUTOVER_ASSIGN_OR_RETURN(SqlTxn txn, SqlTxn::Begin(*db_, mode));
      auto r = body();
      if (!r.ok()) return r;  // ~SqlTxn rolls back
      committing = true;
      CUTOVER_RETURN_IF_ERROR(txn.Commit());
      return r;
    }();
    if (result.ok() || !db_->ConnectionLost()) return result;
    // The connection was lost (PostgreSQL restarted, the network dropped). Before COMMIT was
    // sent nothing happened on the server, so the whole call is retried on a new connection.
    // During COMMIT the outcome is unknown: a retried insert could be recorded twice, so say so.
    if (committing && mode == SqlTxn::Mode::kWrite) {
      return Status::IoError(StatusOf(result).message() +
                             " (the connection was lost while committing: this record may or "
                             "may not be stored)");
    }
    CUTOVER_RETURN_IF_ERROR(ReconnectWithBackoff(StatusOf(result)));
  }
}

inline constexpr auto kRead = SqlTxn::Mode::kRead;
inline constexpr auto kWrite = SqlTxn::Mode::kWrite;

}  // namespace cutover::ledger_sql
