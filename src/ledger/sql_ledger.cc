#include "ledger/sql_ledger.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <unordered_map>
#include <mutex>
#include <thread>
#include <utility>

#include "ledger/json_columns.h"
#include "ledger/schema.h"
#include "util/clock.h"

namespace cutover {
namespace {

// StepSummary::last_failure: an execution that ended without succeeding, for whatever reason
// except a deliberate cancel.
bool IsLastFailureCandidate(ExecStatus s) {
  return CountsAsFailure(s) || s == ExecStatus::kInterrupted;
}

// A value read from the ledger that does not parse means the file is damaged or was written by
// something else: report it as corruption, whatever the parser's own category.
template <typename T>
Result<T> FromColumn(Result<T> parsed, std::string_view column) {
  if (parsed.ok()) return parsed;
  return Status::Corruption(fmt::format("ledger column {}: {}", column, parsed.status().message()));
}

// An id of 0 means "none" in the records and is stored as NULL (so foreign keys hold).
void BindId(SqlStmt& stmt, int index, int64_t id) {
  if (id == 0) {
    stmt.BindNull(index);
  } else {
    stmt.BindInt(index, id);
  }
}

const Status& StatusOf(const Status& s) { return s; }
template <typename T>
const Status& StatusOf(const Result<T>& r) { return r.status(); }

// Runs an INSERT ... RETURNING id and returns the new row's id.
Result<int64_t> InsertedId(SqlStmt& stmt) {
  CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Status::Internal("INSERT ... RETURNING id returned no row");
  int64_t id = stmt.ColumnInt(0);
  stmt.Reset();
  return id;
}

Status ValidateRoute(const Route& route) {
  if (route.mode == RouteMode::kCanary) {
    if (route.percent < 0 || route.percent > 100) {
      return Status::InvalidArgument(
          fmt::format("canary percentage {} is outside 0-100", route.percent));
    }
  } else if (route.percent != 0) {
    return Status::InvalidArgument(
        fmt::format("route '{}' takes no percentage", ToString(route.mode)));
  }
  return Status::Ok();
}

Result<Route> ReadRoute(const SqlStmt& stmt, int mode_column, int percent_column) {
  CUTOVER_ASSIGN_OR_RETURN(RouteMode mode,
                           FromColumn(ParseRouteMode(stmt.ColumnText(mode_column)), "route"));
  return Route{mode, static_cast<int>(stmt.ColumnInt(percent_column))};
}

// --- row mappings: the column lists and readers are kept side by side ---

constexpr std::string_view kRunColumns =
    "id, command, \"user\", host, pid, started_ms, finished_ms, status";

Result<RunRecord> ReadRun(const SqlStmt& s) {
  RunRecord r;
  r.id = s.ColumnInt(0);
  r.command = s.ColumnText(1);
  r.user = s.ColumnText(2);
  r.host = s.ColumnText(3);
  r.pid = s.ColumnInt(4);
  r.started_ms = s.ColumnInt(5);
  r.finished_ms = s.ColumnInt(6);
  CUTOVER_ASSIGN_OR_RETURN(r.status, FromColumn(ParseRunStatus(s.ColumnText(7)), "runs.status"));
  return r;
}

constexpr std::string_view kTaskColumns =
    "id, run_id, step, sample, route_mode, route_percent, serving, served_by, fallback, status, "
    "fingerprint, error, started_ms, finished_ms, purpose, replay_of";

Result<TaskRecord> ReadTask(const SqlStmt& s) {
  TaskRecord t;
  t.id = s.ColumnInt(0);
  t.run_id = s.ColumnInt(1);
  t.step = s.ColumnText(2);
  t.sample = s.ColumnText(3);
  CUTOVER_ASSIGN_OR_RETURN(t.route, ReadRoute(s, 4, 5));
  CUTOVER_ASSIGN_OR_RETURN(t.serving, FromColumn(ParseSide(s.ColumnText(6)), "tasks.serving"));
  if (!s.ColumnIsNull(7)) {
    CUTOVER_ASSIGN_OR_RETURN(t.served_by,
                             FromColumn(ParseSide(s.ColumnText(7)), "tasks.served_by"));
  }
  t.fallback = s.ColumnInt(8) != 0;
  CUTOVER_ASSIGN_OR_RETURN(t.status, FromColumn(ParseTaskStatus(s.ColumnText(9)), "tasks.status"));
  t.fingerprint = s.ColumnText(10);
  t.error = s.ColumnText(11);
  t.started_ms = s.ColumnInt(12);
  t.finished_ms = s.ColumnInt(13);
  CUTOVER_ASSIGN_OR_RETURN(t.purpose,
                           FromColumn(ParseTaskPurpose(s.ColumnText(14)), "tasks.purpose"));
  t.replay_of = s.ColumnIsNull(15) ? 0 : s.ColumnInt(15);
  return t;
}

constexpr std::string_view kExecutionColumns =
    "id, task_id, step, sample, side, role, argv, scratch_dir, status, exit_code, signal, "
    "wall_ms, cpu_ms, max_rss_kb, stderr_tail, error, started_ms, finished_ms, purpose";

// Everything but the outputs (a child table).
Result<ExecutionRecord> ReadExecution(const SqlStmt& s) {
  ExecutionRecord e;
  e.id = s.ColumnInt(0);
  e.task_id = s.ColumnInt(1);
  e.step = s.ColumnText(2);
  e.sample = s.ColumnText(3);
  CUTOVER_ASSIGN_OR_RETURN(e.side, FromColumn(ParseSide(s.ColumnText(4)), "executions.side"));
  CUTOVER_ASSIGN_OR_RETURN(e.role, FromColumn(ParseRole(s.ColumnText(5)), "executions.role"));
  CUTOVER_ASSIGN_OR_RETURN(e.argv, FromColumn(DecodeArgv(s.ColumnText(6)), "executions.argv"));
  e.scratch_dir = s.ColumnText(7);
  CUTOVER_ASSIGN_OR_RETURN(e.status,
                           FromColumn(ParseExecStatus(s.ColumnText(8)), "executions.status"));
  e.exit_code = static_cast<int>(s.ColumnInt(9));
  e.signal = static_cast<int>(s.ColumnInt(10));
  e.wall_ms = s.ColumnInt(11);
  e.cpu_ms = s.ColumnInt(12);
  e.max_rss_kb = s.ColumnInt(13);
  e.stderr_tail = s.ColumnText(14);
  e.error = s.ColumnText(15);
  e.started_ms = s.ColumnInt(16);
  e.finished_ms = s.ColumnInt(17);
  CUTOVER_ASSIGN_OR_RETURN(e.purpose,
                           FromColumn(ParseTaskPurpose(s.ColumnText(18)), "executions.purpose"));
  return e;
}

constexpr std::string_view kComparisonColumns =
    "id, task_id, step, sample, output, comparator, outcome, summary, legacy_execution_id, "
    "new_execution_id, at_ms, purpose, accepted_ms, accepted_by, accept_reason";

Result<ComparisonRecord> ReadComparison(const SqlStmt& s) {
  ComparisonRecord c;
  c.id = s.ColumnInt(0);
  c.task_id = s.ColumnInt(1);
  c.step = s.ColumnText(2);
  c.sample = s.ColumnText(3);
  c.output = s.ColumnText(4);
  c.comparator = s.ColumnText(5);
  CUTOVER_ASSIGN_OR_RETURN(c.outcome,
                           FromColumn(ParseOutcome(s.ColumnText(6)), "comparisons.outcome"));
  CUTOVER_ASSIGN_OR_RETURN(c.summary,
                           FromColumn(DecodeJson(s.ColumnText(7)), "comparisons.summary"));
  c.legacy_execution_id = s.ColumnInt(8);
  c.new_execution_id = s.ColumnInt(9);
  c.at_ms = s.ColumnInt(10);
  CUTOVER_ASSIGN_OR_RETURN(c.purpose,
                           FromColumn(ParseTaskPurpose(s.ColumnText(11)), "comparisons.purpose"));
  c.accepted_ms = s.ColumnInt(12);
  c.accepted_by = s.ColumnText(13);
  c.accept_reason = s.ColumnText(14);
  return c;
}

constexpr std::string_view kRouteChangeColumns =
    "id, step, at_ms, \"user\", from_mode, from_percent, to_mode, to_percent, reason, automatic, "
    "forced, evidence";

Result<RouteChange> ReadRouteChange(const SqlStmt& s) {
  RouteChange c;
  c.id = s.ColumnInt(0);
  c.step = s.ColumnText(1);
  c.at_ms = s.ColumnInt(2);
  c.user = s.ColumnText(3);
  CUTOVER_ASSIGN_OR_RETURN(c.from, ReadRoute(s, 4, 5));
  CUTOVER_ASSIGN_OR_RETURN(c.to, ReadRoute(s, 6, 7));
  c.reason = s.ColumnText(8);
  c.automatic = s.ColumnInt(9) != 0;
  c.forced = s.ColumnInt(10) != 0;
  CUTOVER_ASSIGN_OR_RETURN(c.evidence,
                           FromColumn(DecodeJson(s.ColumnText(11)), "route_changes.evidence"));
  return c;
}

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
  Result<std::vector<TaskEvidence>> EvidenceSince(const std::string& step,
                                                  int64_t since_ms) override;
  Result<int64_t> RecordCalibration(const CalibrationRecord& calibration) override;
  Result<std::vector<CalibrationRecord>> Calibrations(const std::string& step) override;

 private:
  Result<ComparisonRecord> LoadComparison(int64_t comparison_id);
  // Locks mu_ and runs `body` in one transaction: committed when it returns OK, rolled back
  // otherwise. `body` returns Status or Result<T>.
  template <typename Body>
  auto Transaction(SqlTxn::Mode mode, Body&& body) -> decltype(body());

  // Helpers, called inside a transaction with mu_ held.
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

Status SqlLedger::ReconnectWithBackoff(const Status& lost) {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::milliseconds(options_.reconnect_timeout_ms);
  auto delay = std::chrono::milliseconds(100);
  Status last = lost;
  while (true) {
    last = db_->Reconnect();
    if (last.ok()) return last;
    if (Clock::now() + delay > deadline) break;
    std::this_thread::sleep_for(delay);
    delay = std::min(delay * 2, std::chrono::milliseconds(2000));
  }
  return Status::IoError(fmt::format("{} (gave up reconnecting after {} s: {})", lost.message(),
                                     options_.reconnect_timeout_ms / 1000, last.message()));
}

constexpr auto kRead = SqlTxn::Mode::kRead;
constexpr auto kWrite = SqlTxn::Mode::kWrite;

// --- runs ---

Result<int64_t> SqlLedger::BeginRun(const RunRecord& run) {
  return Transaction(kWrite, [&]() -> Result<int64_t> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare("INSERT INTO runs (command, \"user\", host, pid, started_ms, finished_ms, status)"
                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) RETURNING id"));
    stmt.BindText(1, run.command)
        .BindText(2, run.user)
        .BindText(3, run.host)
        .BindInt(4, run.pid)
        .BindInt(5, run.started_ms)
        .BindInt(6, run.finished_ms)
        .BindText(7, ToString(run.status));
    return InsertedId(stmt);
  });
}

Status SqlLedger::FinishRun(int64_t run_id, RunStatus status, int64_t finished_ms) {
  return Transaction(kWrite, [&]() -> Status {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare("UPDATE runs SET status = ?2, finished_ms = ?3 WHERE id = ?1"));
    stmt.BindInt(1, run_id).BindText(2, ToString(status)).BindInt(3, finished_ms);
    CUTOVER_RETURN_IF_ERROR(stmt.Run());
    if (db_->Changes() == 0)
      return Status::NotFound(fmt::format("no run {} in the ledger", run_id));
    return Status::Ok();
  });
}

Result<RunRecord> SqlLedger::GetRun(int64_t run_id) {
  return Transaction(kRead, [&]() -> Result<RunRecord> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare(fmt::format("SELECT {} FROM runs WHERE id = ?1", kRunColumns)));
    stmt.BindInt(1, run_id);
    CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return Status::NotFound(fmt::format("no run {} in the ledger", run_id));
    return ReadRun(stmt);
  });
}

Result<std::vector<RunRecord>> SqlLedger::UnfinishedRuns() {
  return Transaction(kRead, [&]() -> Result<std::vector<RunRecord>> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt, db_->Prepare(fmt::format(
                             "SELECT {} FROM runs WHERE status = ?1 ORDER BY id", kRunColumns)));
    stmt.BindText(1, ToString(RunStatus::kRunning));
    std::vector<RunRecord> runs;
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      CUTOVER_ASSIGN_OR_RETURN(RunRecord run, ReadRun(stmt));
      runs.push_back(std::move(run));
    }
    return runs;
  });
}

Status SqlLedger::MarkRunInterrupted(int64_t run_id, int64_t at_ms) {
  return Transaction(kWrite, [&]() -> Status {
    {
      CUTOVER_ASSIGN_OR_RETURN(SqlStmt exists, db_->Prepare("SELECT 1 FROM runs WHERE id = ?1"));
      exists.BindInt(1, run_id);
      CUTOVER_ASSIGN_OR_RETURN(bool row, exists.Step());
      if (!row) return Status::NotFound(fmt::format("no run {} in the ledger", run_id));
    }
    const std::string_view running = ToString(RunStatus::kRunning);
    // Executions first: a task that already finished may still have a shadow side running.
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt executions,
        db_->Prepare("UPDATE executions SET status = ?3, finished_ms = ?2 WHERE status = ?4 AND "
                     "task_id IN (SELECT id FROM tasks WHERE run_id = ?1)"));
    executions.BindInt(1, run_id)
        .BindInt(2, at_ms)
        .BindText(3, ToString(ExecStatus::kInterrupted))
        .BindText(4, ToString(ExecStatus::kRunning));
    CUTOVER_RETURN_IF_ERROR(executions.Run());
    CUTOVER_ASSIGN_OR_RETURN(SqlStmt tasks,
                             db_->Prepare("UPDATE tasks SET status = ?3, finished_ms = ?2 "
                                          "WHERE run_id = ?1 AND status = ?4"));
    tasks.BindInt(1, run_id)
        .BindInt(2, at_ms)
        .BindText(3, ToString(TaskStatus::kInterrupted))
        .BindText(4, ToString(TaskStatus::kRunning));
    CUTOVER_RETURN_IF_ERROR(tasks.Run());
    // A run that already finished keeps its status.
    CUTOVER_ASSIGN_OR_RETURN(SqlStmt run,
                             db_->Prepare("UPDATE runs SET status = ?3, finished_ms = ?2 "
                                          "WHERE id = ?1 AND status = ?4"));
    run.BindInt(1, run_id)
        .BindInt(2, at_ms)
        .BindText(3, ToString(RunStatus::kInterrupted))
        .BindText(4, running);
    return run.Run();
  });
}

// --- routes ---

Result<Route> SqlLedger::CurrentRoute(const std::string& step) {
  CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt,
                           db_->Prepare("SELECT to_mode, to_percent FROM route_changes "
                                        "WHERE step = ?1 ORDER BY id DESC LIMIT 1"));
  stmt.BindText(1, step);
  CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Route{};  // never routed: legacy
  return ReadRoute(stmt, 0, 1);
}

Result<Route> SqlLedger::GetRoute(const std::string& step) {
  return Transaction(kRead, [&]() { return CurrentRoute(step); });
}

Result<std::map<std::string, Route>> SqlLedger::GetRoutes() {
  return Transaction(kRead, [&]() -> Result<std::map<std::string, Route>> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare("SELECT step, to_mode, to_percent FROM route_changes "
                     "WHERE id IN (SELECT max(id) FROM route_changes GROUP BY step)"));
    std::map<std::string, Route> routes;
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      CUTOVER_ASSIGN_OR_RETURN(Route route, ReadRoute(stmt, 1, 2));
      routes[stmt.ColumnText(0)] = route;
    }
    return routes;
  });
}

Result<RouteChange> SqlLedger::ChangeRoute(const RouteChange& change) {
  if (change.step.empty()) return Status::InvalidArgument("route change without a step");
  CUTOVER_RETURN_IF_ERROR(ValidateRoute(change.to));
  return Transaction(kWrite, [&]() -> Result<RouteChange> {
    RouteChange stored = change;
    CUTOVER_ASSIGN_OR_RETURN(stored.from, CurrentRoute(change.step));
    if (change.expect_from && *change.expect_from != stored.from) {
      return Status::Busy(fmt::format("the route of {} changed meanwhile (now {}, expected {})",
                                      change.step, ToString(stored.from),
                                      ToString(*change.expect_from)));
    }
    // The newest execution id when the change is recorded: executions begun after the change
    // have larger ids (ConsecutiveNewFailures), whatever the clocks say.
    int64_t last_execution_id = 0;
    {
      CUTOVER_ASSIGN_OR_RETURN(SqlStmt last,
                               db_->Prepare("SELECT coalesce(max(id), 0) FROM executions"));
      CUTOVER_ASSIGN_OR_RETURN(bool row, last.Step());
      if (row) last_execution_id = last.ColumnInt(0);
    }
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare("INSERT INTO route_changes (step, at_ms, \"user\", from_mode, from_percent, "
                     "to_mode, to_percent, reason, automatic, last_execution_id, forced, "
                     "evidence) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12) RETURNING id"));
    stmt.BindText(1, stored.step)
        .BindInt(2, stored.at_ms)
        .BindText(3, stored.user)
        .BindText(4, ToString(stored.from.mode))
        .BindInt(5, stored.from.percent)
        .BindText(6, ToString(stored.to.mode))
        .BindInt(7, stored.to.percent)
        .BindText(8, stored.reason)
        .BindInt(9, stored.automatic ? 1 : 0)
        .BindInt(10, last_execution_id)
        .BindInt(11, stored.forced ? 1 : 0)
        .BindText(12, EncodeJson(stored.evidence));
    CUTOVER_ASSIGN_OR_RETURN(stored.id, InsertedId(stmt));
    return stored;
  });
}

Result<std::vector<RouteChange>> SqlLedger::History(const std::string& step) {
  return Transaction(kRead, [&]() -> Result<std::vector<RouteChange>> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare(step.empty() ? fmt::format("SELECT {} FROM route_changes ORDER BY id",
                                                kRouteChangeColumns)
                                  : fmt::format("SELECT {} FROM route_changes WHERE step = ?1 "
                                                "ORDER BY id",
                                                kRouteChangeColumns)));
    if (!step.empty()) stmt.BindText(1, step);
    std::vector<RouteChange> changes;
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      CUTOVER_ASSIGN_OR_RETURN(RouteChange change, ReadRouteChange(stmt));
      changes.push_back(std::move(change));
    }
    return changes;
  });
}

// --- tasks ---

Result<int64_t> SqlLedger::BeginTask(const TaskRecord& task) {
  return Transaction(kWrite, [&]() -> Result<int64_t> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare("INSERT INTO tasks (run_id, step, sample, route_mode, route_percent, serving, "
                     "served_by, fallback, status, fingerprint, error, started_ms, finished_ms, "
                     "purpose, replay_of) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
                     "RETURNING id"));
    BindId(stmt, 1, task.run_id);
    stmt.BindText(2, task.step)
        .BindText(3, task.sample)
        .BindText(4, ToString(task.route.mode))
        .BindInt(5, task.route.percent)
        .BindText(6, ToString(task.serving));
    if (task.served_by) {
      stmt.BindText(7, ToString(*task.served_by));
    } else {
      stmt.BindNull(7);
    }
    stmt.BindInt(8, task.fallback ? 1 : 0)
        .BindText(9, ToString(task.status))
        .BindText(10, task.fingerprint)
        .BindBytes(11, task.error)
        .BindInt(12, task.started_ms)
        .BindInt(13, task.finished_ms)
        .BindText(14, ToString(task.purpose));
    BindId(stmt, 15, task.replay_of);
    CUTOVER_ASSIGN_OR_RETURN(const int64_t id, InsertedId(stmt));
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt input,
        db_->Prepare("INSERT INTO task_inputs (task_id, position, name, path, size, digest) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    for (size_t i = 0; i < task.inputs.size(); ++i) {
      const InputRecord& in = task.inputs[i];
      input.Reset();
      input.BindInt(1, id)
          .BindInt(2, static_cast<int64_t>(i))
          .BindText(3, in.name)
          .BindText(4, in.path)
          .BindInt(5, in.size)
          .BindText(6, in.digest);
      CUTOVER_RETURN_IF_ERROR(input.Run());
    }
    return id;
  });
}

Status SqlLedger::FinishTask(const TaskRecord& task) {
  return Transaction(kWrite, [&]() -> Status {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare("UPDATE tasks SET status = ?2, served_by = ?3, fallback = ?4, error = ?5, "
                     "finished_ms = ?6 WHERE id = ?1"));
    stmt.BindInt(1, task.id).BindText(2, ToString(task.status));
    if (task.served_by) {
      stmt.BindText(3, ToString(*task.served_by));
    } else {
      stmt.BindNull(3);
    }
    stmt.BindInt(4, task.fallback ? 1 : 0).BindBytes(5, task.error).BindInt(6, task.finished_ms);
    CUTOVER_RETURN_IF_ERROR(stmt.Run());
    if (db_->Changes() == 0) {
      return Status::NotFound(fmt::format("no task {} in the ledger", task.id));
    }
    return Status::Ok();
  });
}

Result<TaskRecord> SqlLedger::GetTask(int64_t task_id) {
  return Transaction(kRead, [&]() -> Result<TaskRecord> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare(fmt::format("SELECT {} FROM tasks WHERE id = ?1", kTaskColumns)));
    stmt.BindInt(1, task_id);
    CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return Status::NotFound(fmt::format("no task {} in the ledger", task_id));
    CUTOVER_ASSIGN_OR_RETURN(TaskRecord task, ReadTask(stmt));
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt inputs,
        db_->Prepare("SELECT name, path, size, digest FROM task_inputs WHERE task_id = ?1 "
                     "ORDER BY position"));
    inputs.BindInt(1, task_id);
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool more, inputs.Step());
      if (!more) break;
      task.inputs.push_back({inputs.ColumnText(0), inputs.ColumnText(1), inputs.ColumnInt(2),
                             inputs.ColumnText(3)});
    }
    return task;
  });
}

// --- executions ---

Status SqlLedger::InsertExecutionOutputs(int64_t execution_id,
                                            const std::vector<OutputRecord>& outputs) {
  CUTOVER_ASSIGN_OR_RETURN(
      SqlStmt stmt,
      db_->Prepare("INSERT INTO execution_outputs (execution_id, position, name, path, size, "
                   "digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
  for (size_t i = 0; i < outputs.size(); ++i) {
    const OutputRecord& o = outputs[i];
    stmt.BindInt(1, execution_id)
        .BindInt(2, static_cast<int64_t>(i))
        .BindText(3, o.name)
        .BindText(4, o.path)
        .BindInt(5, o.size)
        .BindText(6, o.digest);
    CUTOVER_RETURN_IF_ERROR(stmt.Run());
  }
  return Status::Ok();
}

Status SqlLedger::LoadExecutionOutputs(ExecutionRecord& execution) {
  CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt,
                           db_->Prepare("SELECT name, path, size, digest FROM execution_outputs "
                                        "WHERE execution_id = ?1 ORDER BY position"));
  stmt.BindInt(1, execution.id);
  execution.outputs.clear();
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    execution.outputs.push_back(
        {stmt.ColumnText(0), stmt.ColumnText(1), stmt.ColumnInt(2), stmt.ColumnText(3)});
  }
  return Status::Ok();
}

Result<ExecutionRecord> SqlLedger::LoadExecution(int64_t execution_id) {
  ExecutionRecord execution;
  {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare(fmt::format("SELECT {} FROM executions WHERE id = ?1", kExecutionColumns)));
    stmt.BindInt(1, execution_id);
    CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return Status::NotFound(fmt::format("no execution {} in the ledger", execution_id));
    CUTOVER_ASSIGN_OR_RETURN(execution, ReadExecution(stmt));
  }
  CUTOVER_RETURN_IF_ERROR(LoadExecutionOutputs(execution));
  return execution;
}

Result<int64_t> SqlLedger::BeginExecution(const ExecutionRecord& e) {
  return Transaction(kWrite, [&]() -> Result<int64_t> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare("INSERT INTO executions (task_id, step, sample, side, role, argv, "
                     "scratch_dir, status, exit_code, signal, wall_ms, cpu_ms, max_rss_kb, "
                     "stderr_tail, error, started_ms, finished_ms, purpose) VALUES (?1, ?2, ?3, "
                     "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18) RETURNING id"));
    BindId(stmt, 1, e.task_id);
    stmt.BindText(2, e.step)
        .BindText(3, e.sample)
        .BindText(4, ToString(e.side))
        .BindText(5, ToString(e.role))
        .BindText(6, EncodeArgv(e.argv))
        .BindText(7, e.scratch_dir)
        .BindText(8, ToString(e.status))
        .BindInt(9, e.exit_code)
        .BindInt(10, e.signal)
        .BindInt(11, e.wall_ms)
        .BindInt(12, e.cpu_ms)
        .BindInt(13, e.max_rss_kb)
        .BindBytes(14, e.stderr_tail)
        .BindBytes(15, e.error)
        .BindInt(16, e.started_ms)
        .BindInt(17, e.finished_ms)
        .BindText(18, ToString(e.purpose));
    CUTOVER_ASSIGN_OR_RETURN(int64_t id, InsertedId(stmt));
    CUTOVER_RETURN_IF_ERROR(InsertExecutionOutputs(id, e.outputs));
    return id;
  });
}

// The result fields: what is known only when the process has ended. The identity and inputs
// (task, step, sample, side, role, argv, scratch_dir, started_ms) are fixed by BeginExecution.
Status SqlLedger::FinishExecution(const ExecutionRecord& e) {
  return Transaction(kWrite, [&]() -> Status {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare("UPDATE executions SET status = ?2, exit_code = ?3, signal = ?4, "
                     "wall_ms = ?5, cpu_ms = ?6, max_rss_kb = ?7, stderr_tail = ?8, error = ?9, "
                     "finished_ms = ?10 WHERE id = ?1"));
    stmt.BindInt(1, e.id)
        .BindText(2, ToString(e.status))
        .BindInt(3, e.exit_code)
        .BindInt(4, e.signal)
        .BindInt(5, e.wall_ms)
        .BindInt(6, e.cpu_ms)
        .BindInt(7, e.max_rss_kb)
        .BindBytes(8, e.stderr_tail)
        .BindBytes(9, e.error)
        .BindInt(10, e.finished_ms);
    CUTOVER_RETURN_IF_ERROR(stmt.Run());
    if (db_->Changes() == 0) {
      return Status::NotFound(fmt::format("no execution {} in the ledger", e.id));
    }
    CUTOVER_ASSIGN_OR_RETURN(SqlStmt clear,
                             db_->Prepare("DELETE FROM execution_outputs WHERE execution_id = ?1"));
    CUTOVER_RETURN_IF_ERROR(clear.BindInt(1, e.id).Run());
    return InsertExecutionOutputs(e.id, e.outputs);
  });
}

Result<ExecutionRecord> SqlLedger::GetExecution(int64_t execution_id) {
  return Transaction(kRead, [&]() { return LoadExecution(execution_id); });
}

Result<std::vector<ExecutionRecord>> SqlLedger::ExecutionsOfTask(int64_t task_id) {
  return Transaction(kRead, [&]() -> Result<std::vector<ExecutionRecord>> {
    std::vector<ExecutionRecord> executions;
    {
      CUTOVER_ASSIGN_OR_RETURN(
          SqlStmt stmt,
          db_->Prepare(fmt::format("SELECT {} FROM executions WHERE task_id = ?1 ORDER BY id",
                                   kExecutionColumns)));
      stmt.BindInt(1, task_id);
      while (true) {
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        CUTOVER_ASSIGN_OR_RETURN(ExecutionRecord e, ReadExecution(stmt));
        executions.push_back(std::move(e));
      }
    }
    for (ExecutionRecord& e : executions) CUTOVER_RETURN_IF_ERROR(LoadExecutionOutputs(e));
    return executions;
  });
}

Result<int> SqlLedger::ConsecutiveNewFailures(const std::string& step) {
  return Transaction(kRead, [&]() -> Result<int> {
    // Only executions begun after the step's latest route change count.
    int64_t after_id = 0;
    {
      CUTOVER_ASSIGN_OR_RETURN(SqlStmt change,
                               db_->Prepare("SELECT last_execution_id FROM route_changes "
                                            "WHERE step = ?1 ORDER BY id DESC LIMIT 1"));
      change.BindText(1, step);
      CUTOVER_ASSIGN_OR_RETURN(bool row, change.Step());
      if (row) after_id = change.ColumnInt(0);
    }
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare("SELECT status FROM executions WHERE step = ?1 AND side = ?2 AND role = ?3 "
                     "AND id > ?4 AND purpose = 'run' ORDER BY id DESC"));
    stmt.BindText(1, step)
        .BindText(2, ToString(Side::kNew))
        .BindText(3, ToString(Role::kServing))
        .BindInt(4, after_id);
    int failures = 0;
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      CUTOVER_ASSIGN_OR_RETURN(
          ExecStatus status, FromColumn(ParseExecStatus(stmt.ColumnText(0)), "executions.status"));
      if (status == ExecStatus::kSucceeded) break;
      if (CountsAsFailure(status)) ++failures;
      // Running, interrupted and cancelled executions neither count nor stop the count.
    }
    return failures;
  });
}

// --- comparisons ---

Result<int64_t> SqlLedger::RecordComparison(const ComparisonRecord& c) {
  return Transaction(kWrite, [&]() -> Result<int64_t> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare("INSERT INTO comparisons (task_id, step, sample, output, comparator, "
                     "outcome, summary, legacy_execution_id, new_execution_id, at_ms, purpose, "
                     "accepted_ms, accepted_by, accept_reason) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14) RETURNING id"));
    BindId(stmt, 1, c.task_id);
    stmt.BindText(2, c.step)
        .BindText(3, c.sample)
        .BindText(4, c.output)
        .BindText(5, c.comparator)
        .BindText(6, ToString(c.outcome))
        .BindText(7, EncodeJson(c.summary));
    BindId(stmt, 8, c.legacy_execution_id);
    BindId(stmt, 9, c.new_execution_id);
    stmt.BindInt(10, c.at_ms)
        .BindText(11, ToString(c.purpose))
        .BindInt(12, c.accepted_ms)
        .BindText(13, c.accepted_by)
        .BindText(14, c.accept_reason);
    return InsertedId(stmt);
  });
}

Result<std::vector<ComparisonRecord>> SqlLedger::ComparisonsOfTask(int64_t task_id) {
  return Transaction(kRead, [&]() -> Result<std::vector<ComparisonRecord>> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare(fmt::format("SELECT {} FROM comparisons WHERE task_id = ?1 ORDER BY id",
                                 kComparisonColumns)));
    stmt.BindInt(1, task_id);
    std::vector<ComparisonRecord> comparisons;
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      CUTOVER_ASSIGN_OR_RETURN(ComparisonRecord c, ReadComparison(stmt));
      comparisons.push_back(std::move(c));
    }
    return comparisons;
  });
}

// --- comparisons: triage ---

Result<ComparisonRecord> SqlLedger::LoadComparison(int64_t comparison_id) {
  CUTOVER_ASSIGN_OR_RETURN(
      SqlStmt stmt,
      db_->Prepare(fmt::format("SELECT {} FROM comparisons WHERE id = ?1", kComparisonColumns)));
  stmt.BindInt(1, comparison_id);
  CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) {
    return Status::NotFound(fmt::format("no comparison {} in the ledger", comparison_id));
  }
  return ReadComparison(stmt);
}

Result<ComparisonRecord> SqlLedger::GetComparison(int64_t comparison_id) {
  return Transaction(kRead, [&]() { return LoadComparison(comparison_id); });
}

Result<std::vector<ComparisonRecord>> SqlLedger::ListComparisons(const ComparisonQuery& q) {
  return Transaction(kRead, [&]() -> Result<std::vector<ComparisonRecord>> {
    std::vector<std::string> where;
    if (!q.step.empty()) where.push_back("step = ?1");
    if (!q.outcomes.empty()) {
      std::vector<std::string> names;
      for (Outcome o : q.outcomes) names.push_back(fmt::format("'{}'", ToString(o)));
      where.push_back("outcome IN (" + fmt::format("{}", fmt::join(names, ", ")) + ")");
    }
    if (!q.include_accepted) where.push_back("accepted_ms = 0");
    if (!q.include_replays) where.push_back("purpose = 'run'");
    std::string sql = fmt::format("SELECT {} FROM comparisons", kComparisonColumns);
    if (!where.empty()) sql += " WHERE " + fmt::format("{}", fmt::join(where, " AND "));
    sql += " ORDER BY id DESC";
    if (q.limit > 0) sql += fmt::format(" LIMIT {}", q.limit);
    CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt, db_->Prepare(sql));
    if (!q.step.empty()) stmt.BindText(1, q.step);
    std::vector<ComparisonRecord> out;
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      CUTOVER_ASSIGN_OR_RETURN(ComparisonRecord c, ReadComparison(stmt));
      out.push_back(std::move(c));
    }
    return out;
  });
}

Result<ComparisonRecord> SqlLedger::AcceptComparison(int64_t comparison_id, int64_t at_ms,
                                                        const std::string& user,
                                                        const std::string& reason) {
  return Transaction(kWrite, [&]() -> Result<ComparisonRecord> {
    CUTOVER_ASSIGN_OR_RETURN(ComparisonRecord c, LoadComparison(comparison_id));
    if (c.outcome != Outcome::kMismatch && c.outcome != Outcome::kError) {
      return Status::Failed(fmt::format("comparison {} is {}: there is nothing to accept",
                                        comparison_id, ToString(c.outcome)));
    }
    if (c.accepted()) {
      return Status::Failed(fmt::format("comparison {} was already accepted by {} at {}: {}",
                                        comparison_id, c.accepted_by, FormatUtc(c.accepted_ms),
                                        c.accept_reason));
    }
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare("UPDATE comparisons SET accepted_ms = ?2, accepted_by = ?3, "
                     "accept_reason = ?4 WHERE id = ?1"));
    stmt.BindInt(1, comparison_id).BindInt(2, at_ms).BindText(3, user).BindText(4, reason);
    CUTOVER_RETURN_IF_ERROR(stmt.Run());
    c.accepted_ms = at_ms;
    c.accepted_by = user;
    c.accept_reason = reason;
    return c;
  });
}

// Three streams over covering indexes (migration 3), counted in memory: no table lookups and no
// sorting, so a step with 100,000s of compared tasks evaluates its gate in a fraction of a second.
Result<std::vector<TaskEvidence>> SqlLedger::EvidenceSince(const std::string& step,
                                                          int64_t since_ms) {
  return Transaction(kRead, [&]() -> Result<std::vector<TaskEvidence>> {
    std::vector<TaskEvidence> out;
    std::unordered_map<int64_t, size_t> index;  // task id -> position in out
    {
      CUTOVER_ASSIGN_OR_RETURN(
          SqlStmt stmt,
          db_->Prepare(fmt::format(
              "SELECT id, sample, started_ms FROM tasks{} WHERE step = ?1 AND "
              "purpose = 'run' AND started_ms >= ?2 AND status != 'running' "
              "ORDER BY started_ms, id",
              Hint("tasks_evidence"))));
      stmt.BindText(1, step).BindInt(2, since_ms);
      while (true) {
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        TaskEvidence e;
        e.task_id = stmt.ColumnInt(0);
        e.sample = stmt.ColumnText(1);
        e.started_ms = stmt.ColumnInt(2);
        index.emplace(e.task_id, out.size());
        out.push_back(std::move(e));
      }
    }
    if (out.empty()) return out;
    int64_t first_task = out.front().task_id;
    for (const TaskEvidence& e : out) first_task = std::min(first_task, e.task_id);
    const std::string match(ToString(Outcome::kMatch)), noise(ToString(Outcome::kNoise));
    {
      CUTOVER_ASSIGN_OR_RETURN(
          SqlStmt stmt,
          db_->Prepare(fmt::format("SELECT task_id, outcome, accepted_ms FROM comparisons{} "
                                   "WHERE step = ?1 AND purpose = 'run' AND task_id >= ?2",
                                   Hint("comparisons_evidence"))));
      stmt.BindText(1, step).BindInt(2, first_task);
      while (true) {
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        auto it = index.find(stmt.ColumnInt(0));
        if (it == index.end()) continue;
        TaskEvidence& e = out[it->second];
        const std::string outcome = stmt.ColumnText(1);
        if (outcome == match || outcome == noise) {
          ++e.matches;
        } else if (stmt.ColumnInt(2) != 0) {
          ++e.explained;
        } else {
          CUTOVER_RETURN_IF_ERROR(
              FromColumn(ParseOutcome(outcome), "comparisons.outcome").status());
          ++e.unexplained;
        }
      }
    }
    {
      CUTOVER_ASSIGN_OR_RETURN(
          SqlStmt stmt,
          db_->Prepare(fmt::format("SELECT task_id FROM executions{} WHERE step = ?1 AND "
                                   "side = 'new' AND purpose = 'run' AND task_id >= ?2 AND "
                                   "status IN ({})",
                                   Hint("executions_evidence"), FailureStatusesSql())));
      stmt.BindText(1, step).BindInt(2, first_task);
      while (true) {
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        auto it = index.find(stmt.ColumnInt(0));
        if (it != index.end()) out[it->second].new_failed = true;
      }
    }
    std::erase_if(out, [](const TaskEvidence& e) {
      return e.matches + e.explained + e.unexplained == 0 && !e.new_failed;
    });
    return out;
  });
}

// --- calibrations ---

Result<int64_t> SqlLedger::RecordCalibration(const CalibrationRecord& c) {
  return Transaction(kWrite, [&]() -> Result<int64_t> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare("INSERT INTO calibrations (step, sample, at_ms, \"user\", runs, deterministic, "
                     "proposal, details) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) RETURNING id"));
    stmt.BindText(1, c.step)
        .BindText(2, c.sample)
        .BindInt(3, c.at_ms)
        .BindText(4, c.user)
        .BindInt(5, c.runs)
        .BindInt(6, c.deterministic ? 1 : 0)
        .BindText(7, EncodeJson(c.proposal))
        .BindText(8, EncodeJson(c.details));
    return InsertedId(stmt);
  });
}

Result<std::vector<CalibrationRecord>> SqlLedger::Calibrations(const std::string& step) {
  return Transaction(kRead, [&]() -> Result<std::vector<CalibrationRecord>> {
    std::string sql =
        "SELECT id, step, sample, at_ms, \"user\", runs, deterministic, proposal, details "
        "FROM calibrations";
    if (!step.empty()) sql += " WHERE step = ?1";
    sql += " ORDER BY id";
    CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt, db_->Prepare(sql));
    if (!step.empty()) stmt.BindText(1, step);
    std::vector<CalibrationRecord> out;
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      CalibrationRecord c;
      c.id = stmt.ColumnInt(0);
      c.step = stmt.ColumnText(1);
      c.sample = stmt.ColumnText(2);
      c.at_ms = stmt.ColumnInt(3);
      c.user = stmt.ColumnText(4);
      c.runs = static_cast<int>(stmt.ColumnInt(5));
      c.deterministic = stmt.ColumnInt(6) != 0;
      CUTOVER_ASSIGN_OR_RETURN(c.proposal,
                               FromColumn(DecodeJson(stmt.ColumnText(7)), "calibrations.proposal"));
      CUTOVER_ASSIGN_OR_RETURN(c.details,
                               FromColumn(DecodeJson(stmt.ColumnText(8)), "calibrations.details"));
      out.push_back(std::move(c));
    }
    return out;
  });
}

// --- published ---

Status SqlLedger::RecordPublished(const PublishedRecord& p) {
  return Transaction(kWrite, [&]() -> Status {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt clear_outputs,
        db_->Prepare("DELETE FROM published_outputs WHERE step = ?1 AND sample = ?2"));
    CUTOVER_RETURN_IF_ERROR(clear_outputs.BindText(1, p.step).BindText(2, p.sample).Run());
    CUTOVER_ASSIGN_OR_RETURN(SqlStmt clear,
                             db_->Prepare("DELETE FROM published WHERE step = ?1 AND sample = ?2"));
    CUTOVER_RETURN_IF_ERROR(clear.BindText(1, p.step).BindText(2, p.sample).Run());

    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt insert,
        db_->Prepare("INSERT INTO published (step, sample, task_id, fingerprint, at_ms) "
                     "VALUES (?1, ?2, ?3, ?4, ?5)"));
    insert.BindText(1, p.step).BindText(2, p.sample);
    BindId(insert, 3, p.task_id);
    insert.BindText(4, p.fingerprint).BindInt(5, p.at_ms);
    CUTOVER_RETURN_IF_ERROR(insert.Run());

    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt output,
        db_->Prepare("INSERT INTO published_outputs (step, sample, position, name, path, size, "
                     "mtime_ns, digest) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));
    for (size_t i = 0; i < p.outputs.size(); ++i) {
      const PublishedOutput& o = p.outputs[i];
      output.BindText(1, p.step)
          .BindText(2, p.sample)
          .BindInt(3, static_cast<int64_t>(i))
          .BindText(4, o.name)
          .BindText(5, o.path)
          .BindInt(6, o.size)
          .BindInt(7, o.mtime_ns)
          .BindText(8, o.digest);
      CUTOVER_RETURN_IF_ERROR(output.Run());
    }
    return Status::Ok();
  });
}

Result<std::optional<PublishedRecord>> SqlLedger::GetPublished(const std::string& step,
                                                                  const std::string& sample) {
  return Transaction(kRead, [&]() -> Result<std::optional<PublishedRecord>> {
    PublishedRecord p;
    {
      CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt,
                               db_->Prepare("SELECT task_id, fingerprint, at_ms FROM published "
                                            "WHERE step = ?1 AND sample = ?2"));
      stmt.BindText(1, step).BindText(2, sample);
      CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) return std::optional<PublishedRecord>();
      p.step = step;
      p.sample = sample;
      p.task_id = stmt.ColumnInt(0);
      p.fingerprint = stmt.ColumnText(1);
      p.at_ms = stmt.ColumnInt(2);
    }
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt outputs,
        db_->Prepare("SELECT name, path, size, mtime_ns, digest FROM published_outputs "
                     "WHERE step = ?1 AND sample = ?2 ORDER BY position"));
    outputs.BindText(1, step).BindText(2, sample);
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool row, outputs.Step());
      if (!row) break;
      p.outputs.push_back({outputs.ColumnText(0), outputs.ColumnText(1), outputs.ColumnInt(2),
                           outputs.ColumnInt(3), outputs.ColumnText(4)});
    }
    return std::optional<PublishedRecord>(std::move(p));
  });
}

// --- summaries ---

// A handful of GROUP BY queries, each answered from a covering index, then one index lookup
// per (step, side, failing status) for the most recent failure: no per-row work in C++.
Result<std::vector<StepSummary>> SqlLedger::Summaries() {
  return Transaction(kRead, [&]() -> Result<std::vector<StepSummary>> {
    std::map<std::string, StepSummary> by_step;
    auto entry = [&](std::string step) -> StepSummary& {
      StepSummary& s = by_step[step];
      s.step = std::move(step);
      return s;
    };

    {  // routes: the latest change of each step
      CUTOVER_ASSIGN_OR_RETURN(
          SqlStmt stmt,
          db_->Prepare("SELECT step, to_mode, to_percent FROM route_changes "
                       "WHERE id IN (SELECT max(id) FROM route_changes GROUP BY step)"));
      while (true) {
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        CUTOVER_ASSIGN_OR_RETURN(Route route, ReadRoute(stmt, 1, 2));
        entry(stmt.ColumnText(0)).route = route;
      }
    }
    {  // tasks
      CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt,
                               db_->Prepare("SELECT step, status, fallback, count(*) FROM tasks "
                                            "WHERE purpose = 'run' "
                                            "GROUP BY step, status, fallback"));
      while (true) {
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        StepSummary& s = entry(stmt.ColumnText(0));
        CUTOVER_ASSIGN_OR_RETURN(TaskStatus status,
                                 FromColumn(ParseTaskStatus(stmt.ColumnText(1)), "tasks.status"));
        int64_t n = stmt.ColumnInt(3);
        s.tasks += n;
        if (status == TaskStatus::kFailed) s.tasks_failed += n;
        if (stmt.ColumnInt(2) != 0) s.fallbacks += n;
      }
    }
    struct FailureGroup {
      std::string step;
      std::string side;
      std::string status;
    };
    std::vector<FailureGroup> failure_groups;
    {  // executions
      CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt,
                               db_->Prepare("SELECT step, side, status, count(*) FROM executions "
                                            "WHERE purpose = 'run' "
                                            "GROUP BY step, side, status"));
      while (true) {
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        StepSummary& s = entry(stmt.ColumnText(0));
        CUTOVER_ASSIGN_OR_RETURN(Side side,
                                 FromColumn(ParseSide(stmt.ColumnText(1)), "executions.side"));
        CUTOVER_ASSIGN_OR_RETURN(ExecStatus status, FromColumn(ParseExecStatus(stmt.ColumnText(2)),
                                                               "executions.status"));
        int64_t n = stmt.ColumnInt(3);
        if (side == Side::kLegacy) {
          s.executions_legacy += n;
        } else {
          s.executions_new += n;
          if (CountsAsFailure(status)) s.new_failures += n;
        }
        if (IsLastFailureCandidate(status)) {
          failure_groups.push_back({s.step, stmt.ColumnText(1), stmt.ColumnText(2)});
        }
      }
    }
    {  // comparisons
      CUTOVER_ASSIGN_OR_RETURN(
          SqlStmt stmt,
          db_->Prepare("SELECT step, outcome, count(*) FROM comparisons WHERE purpose = 'run' "
                       "GROUP BY step, outcome"));
      while (true) {
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        StepSummary& s = entry(stmt.ColumnText(0));
        CUTOVER_ASSIGN_OR_RETURN(
            Outcome outcome, FromColumn(ParseOutcome(stmt.ColumnText(1)), "comparisons.outcome"));
        int64_t n = stmt.ColumnInt(2);
        switch (outcome) {
          case Outcome::kMatch:
            s.comparisons_match += n;
            break;
          case Outcome::kMismatch:
            s.comparisons_mismatch += n;
            break;
          case Outcome::kNoise:
            s.comparisons_noise += n;
            break;
          case Outcome::kError:
            s.comparisons_error += n;
            break;
        }
      }
    }
    // The most recent failure of each step: the largest id over its failing groups.
    std::map<std::string, int64_t> last_failure_id;
    {
      CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt,
                               db_->Prepare("SELECT max(id) FROM executions WHERE step = ?1 "
                                            "AND side = ?2 AND status = ?3 AND purpose = 'run'"));
      for (const FailureGroup& g : failure_groups) {
        stmt.Reset();
        stmt.BindText(1, g.step).BindText(2, g.side).BindText(3, g.status);
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        int64_t id = row ? stmt.ColumnInt(0) : 0;
        int64_t& best = last_failure_id[g.step];
        best = std::max(best, id);
      }
    }
    for (const auto& [step, id] : last_failure_id) {
      if (id == 0) continue;
      CUTOVER_ASSIGN_OR_RETURN(ExecutionRecord e, LoadExecution(id));
      by_step[step].last_failure = std::move(e);
    }

    std::vector<StepSummary> summaries;
    summaries.reserve(by_step.size());
    for (auto& [step, summary] : by_step) summaries.push_back(std::move(summary));
    return summaries;
  });
}

// The three scans read covering indexes (migration 3) in time order and count in memory: a
// GROUP BY over a computed week would sort every row first.
Result<std::vector<WeeklyActivity>> SqlLedger::Activity(int64_t since_ms) {
  return Transaction(kRead, [&]() -> Result<std::vector<WeeklyActivity>> {
    std::map<std::pair<std::string, int64_t>, WeeklyActivity> rows;
    auto entry = [&](const std::string& step, int64_t at_ms) -> WeeklyActivity& {
      const int64_t week = WeekStartMs(at_ms);
      WeeklyActivity& a = rows[{step, week}];
      if (a.step.empty()) {
        a.step = step;
        a.week_ms = week;
      }
      return a;
    };
    const std::string published(ToString(TaskStatus::kPublished));
    const std::string failed(ToString(TaskStatus::kFailed));
    const std::string by_new(ToString(Side::kNew));
    {  // tasks
      CUTOVER_ASSIGN_OR_RETURN(
          SqlStmt stmt,
          db_->Prepare(fmt::format("SELECT step, started_ms, status, served_by, fallback FROM tasks{} "
                                   "WHERE purpose = 'run' AND started_ms >= ?1",
                                   Hint("tasks_by_time"))));
      stmt.BindInt(1, since_ms);
      while (true) {
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        WeeklyActivity& a = entry(stmt.ColumnText(0), stmt.ColumnInt(1));
        const std::string status = stmt.ColumnText(2);
        ++a.tasks;
        if (status == failed) ++a.tasks_failed;
        if (status == published) {
          if (stmt.ColumnText(3) == by_new) {
            ++a.served_new;
          } else {
            ++a.served_legacy;
          }
        }
        if (stmt.ColumnInt(4) != 0) ++a.fallbacks;
      }
    }
    {  // failed executions only (few): the index starts with the status
      CUTOVER_ASSIGN_OR_RETURN(
          SqlStmt stmt,
          db_->Prepare(fmt::format("SELECT step, started_ms, side FROM executions{} WHERE status IN ({}) "
                                   "AND purpose = 'run' AND started_ms >= ?1",
                                   Hint("executions_failures"), FailureStatusesSql())));
      stmt.BindInt(1, since_ms);
      while (true) {
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        WeeklyActivity& a = entry(stmt.ColumnText(0), stmt.ColumnInt(1));
        if (stmt.ColumnText(2) == by_new) {
          ++a.failures_new;
        } else {
          ++a.failures_legacy;
        }
      }
    }
    {  // comparisons
      CUTOVER_ASSIGN_OR_RETURN(
          SqlStmt stmt,
          db_->Prepare(fmt::format("SELECT step, at_ms, outcome, accepted_ms FROM comparisons{} "
                                   "WHERE purpose = 'run' AND at_ms >= ?1",
                                   Hint("comparisons_by_time"))));
      stmt.BindInt(1, since_ms);
      while (true) {
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        WeeklyActivity& a = entry(stmt.ColumnText(0), stmt.ColumnInt(1));
        CUTOVER_ASSIGN_OR_RETURN(
            Outcome outcome, FromColumn(ParseOutcome(stmt.ColumnText(2)), "comparisons.outcome"));
        if (stmt.ColumnInt(3) != 0) ++a.comparisons_accepted;
        switch (outcome) {
          case Outcome::kMatch: ++a.comparisons_match; break;
          case Outcome::kMismatch: ++a.comparisons_mismatch; break;
          case Outcome::kNoise: ++a.comparisons_noise; break;
          case Outcome::kError: ++a.comparisons_error; break;
        }
      }
    }
    std::vector<WeeklyActivity> out;
    out.reserve(rows.size());
    for (auto& [key, a] : rows) out.push_back(std::move(a));
    return out;
  });
}

Result<std::vector<ExecutionRecord>> SqlLedger::ListExecutions(const ExecutionQuery& q) {
  return Transaction(kRead, [&]() -> Result<std::vector<ExecutionRecord>> {
    std::vector<std::string> where = {"purpose = 'run'", "started_ms >= ?1"};
    if (!q.step.empty()) where.push_back("step = ?2");
    if (q.side) where.push_back(fmt::format("side = '{}'", ToString(*q.side)));
    switch (q.which) {
      case ExecutionQuery::Which::kAll: break;
      case ExecutionQuery::Which::kSucceeded: where.push_back("status = 'succeeded'"); break;
      case ExecutionQuery::Which::kFailed:
        where.push_back(fmt::format("status IN ({})", FailureStatusesSql()));
        break;
    }
    // With a step and a side, (step, side, status) hands rows over in id order; left to itself
    // the planner may pick the failures index and sort every successful run.
    const std::string index = !q.step.empty() && q.side ? Hint("executions_by_step_status") : "";
    std::string sql = fmt::format("SELECT {} FROM executions{} WHERE {} ORDER BY id DESC",
                                  kExecutionColumns, index, fmt::join(where, " AND "));
    if (q.limit > 0) sql += fmt::format(" LIMIT {}", q.limit);
    CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt, db_->Prepare(sql));
    stmt.BindInt(1, q.since_ms);
    if (!q.step.empty()) stmt.BindText(2, q.step);
    std::vector<ExecutionRecord> out;
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      CUTOVER_ASSIGN_OR_RETURN(ExecutionRecord e, ReadExecution(stmt));
      out.push_back(std::move(e));
    }
    if (q.with_outputs) {
      for (ExecutionRecord& e : out) CUTOVER_RETURN_IF_ERROR(LoadExecutionOutputs(e));
    }
    return out;
  });
}

}  // namespace

Result<std::unique_ptr<Ledger>> OpenSqlLedger(std::unique_ptr<SqlDb> db,
                                              const SqlLedgerOptions& options) {
  CUTOVER_RETURN_IF_ERROR(MigrateSchema(*db));
  return std::unique_ptr<Ledger>(std::make_unique<SqlLedger>(std::move(db), options));
}

}  // namespace cutover
