#include "ledger/sql_ledger.h"

#include <algorithm>
#include <chrono>
#include <thread>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ledger/json_columns.h"
#include "ledger/schema.h"
#include "ledger/sql_ledger_impl.h"
#include "util/clock.h"

namespace cutover {
namespace ledger_sql {

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

Result<Route> SqlLedger::NearestValidRoute(const std::string& step) {
  CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt,
                           db_->Prepare("SELECT to_mode, to_percent FROM route_changes "
                                        "WHERE step = ?1 ORDER BY id DESC LIMIT 1"));
  stmt.BindText(1, step);
  CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
  if (!row) return Route{};
  Result<RouteMode> mode = ParseRouteMode(stmt.ColumnText(0));
  const int64_t percent = stmt.ColumnInt(1);
  stmt.Reset();
  if (!mode.ok() || *mode != RouteMode::kCanary) return Route{mode.ok() ? *mode : RouteMode::kNew, 0};
  return Route{RouteMode::kCanary, static_cast<int>(std::clamp<int64_t>(percent, 0, 100))};
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
    Result<Route> from = CurrentRoute(change.step);
    if (!from.ok() && from.status().code() == StatusCode::kCorruption &&
        change.to.mode == RouteMode::kLegacy && !change.expect_from) {
      // A rollback is the emergency command: it works even off a route no cutover wrote (edited
      // or damaged). The unreadable route is kept in the recorded reason; `from` holds the
      // nearest valid route so that the history stays readable.
      stored.reason += fmt::format(" [rolled back from an unreadable route: {}]",
                                   from.status().message());
      CUTOVER_ASSIGN_OR_RETURN(Route nearest, NearestValidRoute(change.step));
      from = nearest;
    }
    CUTOVER_RETURN_IF_ERROR(from.status());
    stored.from = *from;
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
                     "stderr_tail, error, started_ms, finished_ms, purpose, impl_digest) VALUES "
                     "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, "
                     "?18, ?19) RETURNING id"));
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
        .BindText(18, ToString(e.purpose))
        .BindText(19, e.impl_digest);
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

Result<int64_t> SqlLedger::RecordComparison(const ComparisonRecord& c) {
  return Transaction(kWrite, [&]() -> Result<int64_t> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare("INSERT INTO comparisons (task_id, step, sample, output, comparator, "
                     "outcome, summary, legacy_execution_id, new_execution_id, at_ms, purpose, "
                     "accepted_ms, accepted_by, accept_reason, metrics) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15) "
                     "RETURNING id"));
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
    // The summary's concordance figures, copied to their own column (schema 6); NULL for the
    // comparators that have none.
    const auto metrics = c.summary.find("metrics");  // end() when the summary is no object
    if (metrics != c.summary.end() && metrics->is_object() && !metrics->empty()) {
      stmt.BindText(15, EncodeJson(*metrics));
    } else {
      stmt.BindNull(15);
    }
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

Result<int64_t> SqlLedger::RecordImplementationChange(const ImplementationChange& c) {
  return Transaction(kWrite, [&]() -> Result<int64_t> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare("INSERT INTO implementation_changes (step, side, at_ms, run_id, from_digest, "
                     "to_digest, description, change, parts) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                     "?8, ?9) RETURNING id"));
    stmt.BindText(1, c.step).BindText(2, ToString(c.subject)).BindInt(3, c.at_ms);
    BindId(stmt, 4, c.run_id);
    stmt.BindText(5, c.from_digest)
        .BindText(6, c.to_digest)
        .BindBytes(7, c.description)
        .BindBytes(8, c.change)
        .BindText(9, EncodeJson(c.parts));
    return InsertedId(stmt);
  });
}

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

}  // namespace ledger_sql

Result<std::unique_ptr<Ledger>> OpenSqlLedger(std::unique_ptr<SqlDb> db,
                                              const SqlLedgerOptions& options) {
  CUTOVER_RETURN_IF_ERROR(MigrateSchema(*db));
  CUTOVER_RETURN_IF_ERROR(CheckLedgerTables(*db));
  return std::unique_ptr<Ledger>(std::make_unique<ledger_sql::SqlLedger>(std::move(db), options));
}

}  // namespace cutover
