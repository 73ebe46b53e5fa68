// Row mapping of the SQL ledger (sql_ledger.cc, sql_ledger_queries.cc): the column lists and
// the readers that decode them are kept side by side, with the small binding helpers. Internal
// to the ledger folder.
#pragma once

#include <cstdint>
#include <string_view>

#include <fmt/format.h>

#include "ledger/records.h"
#include "ledger/sql_db.h"
#include "util/status.h"

namespace cutover::ledger_sql {

// StepSummary::last_failure: an execution that ended without succeeding, for whatever reason
// except a deliberate cancel.
bool IsLastFailureCandidate(ExecStatus s);

// A value read from the ledger that does not parse means the file is damaged or was written by
// something else: report it as corruption, whatever the parser's own category.
template <typename T>
Result<T> FromColumn(Result<T> parsed, std::string_view column) {
  if (parsed.ok()) return parsed;
  return Status::Corruption(fmt::format("ledger column {}: {}", column, parsed.status().message()));
}

inline const Status& StatusOf(const Status& s) { return s; }
template <typename T>
const Status& StatusOf(const Result<T>& r) {
  return r.status();
}

// An id of 0 means "none" in the records and is stored as NULL (so foreign keys hold).
void BindId(SqlStmt& stmt, int index, int64_t id);
// Runs an INSERT ... RETURNING id and returns the new row's id.
Result<int64_t> InsertedId(SqlStmt& stmt);
// kInvalidArgument for a canary percentage outside 0-100 or a percentage on another mode.
Status ValidateRoute(const Route& route);
Result<Route> ReadRoute(const SqlStmt& stmt, int mode_column, int percent_column);

// Each reader decodes one row selected with the column list above it; kCorruption for a value
// that does not parse.
inline constexpr std::string_view kRunColumns =
    "id, command, \"user\", host, pid, started_ms, finished_ms, status";

Result<RunRecord> ReadRun(const SqlStmt& s);

inline constexpr std::string_view kTaskColumns =
    "id, run_id, step, sample, route_mode, route_percent, serving, served_by, fallback, status, "
    "fingerprint, error, started_ms, finished_ms, purpose, replay_of";

Result<TaskRecord> ReadTask(const SqlStmt& s);

inline constexpr std::string_view kExecutionColumns =
    "id, task_id, step, sample, side, role, argv, scratch_dir, status, exit_code, signal, "
    "wall_ms, cpu_ms, max_rss_kb, stderr_tail, error, started_ms, finished_ms, purpose, "
    "impl_digest";

// Everything but the outputs (a child table).
Result<ExecutionRecord> ReadExecution(const SqlStmt& s);

inline constexpr std::string_view kComparisonColumns =
    "id, task_id, step, sample, output, comparator, outcome, summary, legacy_execution_id, "
    "new_execution_id, at_ms, purpose, accepted_ms, accepted_by, accept_reason";

Result<ComparisonRecord> ReadComparison(const SqlStmt& s);

inline constexpr std::string_view kRouteChangeColumns =
    "id, step, at_ms, \"user\", from_mode, from_percent, to_mode, to_percent, reason, automatic, "
    "forced, evidence";
Result<RouteChange> ReadRouteChange(const SqlStmt& s);

}  // namespace cutover::ledger_sql
