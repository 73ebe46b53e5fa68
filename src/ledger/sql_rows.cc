#include "ledger/sql_rows.h"

#include <algorithm>

#include "ledger/json_columns.h"

namespace cutover::ledger_sql {

bool IsLastFailureCandidate(ExecStatus s) {
  return CountsAsFailure(s) || s == ExecStatus::kInterrupted;
}

void BindId(SqlStmt& stmt, int index, int64_t id) {
  if (id == 0) {
    stmt.BindNull(index);
  } else {
    stmt.BindInt(index, id);
  }
}

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
  // A value no cutover writes (a canary of -5 % or 100000 %): edited by hand or damaged, and
  // never acted on.
  const int64_t percent = stmt.ColumnInt(percent_column);
  const bool valid = mode == RouteMode::kCanary ? percent >= 0 && percent <= 100 : percent == 0;
  if (!valid) {
    return Status::Corruption(fmt::format(
        "the ledger holds the route {} {} %, which cutover never writes: it was edited or "
        "damaged. `cutover rollback STEP` still works; `cutover ledger check` lists every such "
        "value",
        ToString(mode), percent));
  }
  return Route{mode, static_cast<int>(percent)};
}


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
  e.impl_digest = s.ColumnText(19);
  return e;
}

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

Result<RouteChange> ReadRouteChange(const SqlStmt& s) {
  RouteChange c;
  c.id = s.ColumnInt(0);
  c.step = s.ColumnText(1);
  c.at_ms = s.ColumnInt(2);
  c.user = s.ColumnText(3);
  // A damaged row stays readable in the history, flagged, so that a rollback off it leaves
  // `history` and `routes` working; what is decided on routes reads them strictly (ReadRoute).
  for (auto [route, mode_column] : {std::pair{&c.from, 4}, std::pair{&c.to, 6}}) {
    Result<Route> read = ReadRoute(s, mode_column, mode_column + 1);
    if (read.ok()) {
      *route = *read;
      continue;
    }
    if (read.status().code() != StatusCode::kCorruption) return read.status();
    c.damaged = fmt::format("{} {} %", s.ColumnText(mode_column), s.ColumnInt(mode_column + 1));
    Result<RouteMode> mode = ParseRouteMode(s.ColumnText(mode_column));
    *route = !mode.ok()                     ? Route{RouteMode::kLegacy, 0}
             : *mode == RouteMode::kCanary ? Route{RouteMode::kCanary,
                                                    static_cast<int>(std::clamp<int64_t>(
                                                        s.ColumnInt(mode_column + 1), 0, 100))}
                                            : Route{*mode, 0};
  }
  c.reason = s.ColumnText(8);
  c.automatic = s.ColumnInt(9) != 0;
  c.forced = s.ColumnInt(10) != 0;
  CUTOVER_ASSIGN_OR_RETURN(c.evidence,
                           FromColumn(DecodeJson(s.ColumnText(11)), "route_changes.evidence"));
  return c;
}

}  // namespace cutover::ledger_sql
