// The report, plan and gate queries of the SQL ledger (LedgerReader): each one transaction that
// reads covering indexes and counts in memory (docs/ledger.md says which index serves which).
#include <algorithm>
#include <map>
#include <unordered_map>
#include <utility>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ledger/json_columns.h"
#include "ledger/sql_ledger_impl.h"
#include "util/clock.h"

namespace cutover::ledger_sql {
namespace {

// Lowers *mins to the numeric values of a comparison's `metrics` column (a JSON object; empty
// for the comparators that have none). Text that does not parse adds nothing.
void AddMetrics(const std::string& metrics, std::map<std::string, double>* mins) {
  if (metrics.empty()) return;  // NULL: most comparators have none
  const nlohmann::json j = nlohmann::json::parse(metrics, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return;
  for (const auto& [name, value] : j.items()) {
    if (!value.is_number()) continue;
    const double v = value.get<double>();
    auto [m, inserted] = mins->emplace(name, v);
    if (!inserted) m->second = std::min(m->second, v);
  }
}

}  // namespace

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
    if (q.only_accepted) where.push_back("accepted_ms <> 0");
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

// Three streams over covering indexes (migration 3), counted in memory: no table lookups and no
// sorting, so a step with 100,000s of compared tasks evaluates its gate in a fraction of a second.
Result<std::vector<TaskEvidence>> SqlLedger::EvidenceSince(const std::string& step,
                                                          int64_t since_ms,
                                                          int64_t comparisons_since_ms) {
  return Transaction(kRead, [&]() -> Result<std::vector<TaskEvidence>> {
    std::vector<TaskEvidence> out;
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
        if (out.size() == out.capacity()) out.reserve(out.size() * 2 + 1024);
        out.push_back(std::move(e));
      }
    }
    if (out.empty()) return out;
    // Task id -> position in out. The ids of a step's stage lie in a range shared with the
    // other steps' tasks, so a table over that range (when it is at most a few times the tasks)
    // instead of a hash map: a stage of 166,000 tasks is read in a third less time.
    int64_t first_task = out.front().task_id, last_task = first_task;
    for (const TaskEvidence& e : out) {
      first_task = std::min(first_task, e.task_id);
      last_task = std::max(last_task, e.task_id);
    }
    const bool dense = last_task - first_task < 16 * static_cast<int64_t>(out.size()) + 4096;
    std::vector<uint32_t> by_id;  // position + 1, 0 for none
    std::unordered_map<int64_t, size_t> sparse;
    if (dense) {
      by_id.assign(static_cast<size_t>(last_task - first_task + 1), 0);
      for (size_t i = 0; i < out.size(); ++i) {
        by_id[static_cast<size_t>(out[i].task_id - first_task)] = static_cast<uint32_t>(i + 1);
      }
    } else {
      for (size_t i = 0; i < out.size(); ++i) sparse.emplace(out[i].task_id, i);
    }
    auto find = [&](int64_t task_id) -> TaskEvidence* {
      if (dense) {
        if (task_id < first_task || task_id > last_task) return nullptr;
        const uint32_t at = by_id[static_cast<size_t>(task_id - first_task)];
        return at == 0 ? nullptr : &out[at - 1];
      }
      auto it = sparse.find(task_id);
      return it == sparse.end() ? nullptr : &out[it->second];
    };
    const std::string match(ToString(Outcome::kMatch)), noise(ToString(Outcome::kNoise));
    {
      CUTOVER_ASSIGN_OR_RETURN(
          SqlStmt stmt,
          // The time of each comparison is read only when some are superseded: the covering
          // index then no longer covers the query.
          db_->Prepare(fmt::format("SELECT task_id, outcome, accepted_ms, metrics, {} FROM "
                                   "comparisons{} WHERE step = ?1 AND purpose = 'run' AND "
                                   "task_id >= ?2",
                                   comparisons_since_ms > 0 ? "at_ms" : "0",
                                   Hint("comparisons_evidence"))));
      stmt.BindText(1, step).BindInt(2, first_task);
      while (true) {
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        TaskEvidence* found = find(stmt.ColumnInt(0));
        if (!found) continue;
        TaskEvidence& e = *found;
        const std::string outcome = stmt.ColumnText(1);
        if (stmt.ColumnInt(4) < comparisons_since_ms) {
          ++e.superseded;  // judged with an earlier compare: neither counted nor measured
          continue;
        }
        AddMetrics(stmt.ColumnText(3), &e.min_metrics);
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
        if (TaskEvidence* e = find(stmt.ColumnInt(0))) e->new_failed = true;
      }
    }
    std::erase_if(out, [](const TaskEvidence& e) {
      return e.matches + e.explained + e.unexplained + e.superseded == 0 && !e.new_failed;
    });
    return out;
  });
}

// --- concordance figures ---

namespace {

constexpr std::string_view kMetricColumns =
    "id, task_id, sample, output, comparator, outcome, at_ms, metrics";

Result<MetricRecord> ReadMetricRecord(const SqlStmt& s) {
  MetricRecord m;
  m.comparison_id = s.ColumnInt(0);
  m.task_id = s.ColumnInt(1);
  m.sample = s.ColumnText(2);
  m.output = s.ColumnText(3);
  m.comparator = s.ColumnText(4);
  CUTOVER_ASSIGN_OR_RETURN(m.outcome,
                           FromColumn(ParseOutcome(s.ColumnText(5)), "comparisons.outcome"));
  m.at_ms = s.ColumnInt(6);
  CUTOVER_ASSIGN_OR_RETURN(m.metrics, FromColumn(DecodeJson(s.ColumnText(7)), "comparisons.metrics"));
  if (!m.metrics.is_object()) {
    return Status::Corruption(fmt::format("comparisons.metrics of comparison {} is not an object",
                                          m.comparison_id));
  }
  return m;
}

Result<std::vector<MetricRecord>> ReadMetricRecords(SqlStmt& stmt) {
  std::vector<MetricRecord> out;
  while (true) {
    CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) break;
    CUTOVER_ASSIGN_OR_RETURN(MetricRecord m, ReadMetricRecord(stmt));
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

// Both read the partial index comparisons_metrics (schema 6), which holds only the comparisons
// that carry metrics: a ledger of a million comparisons without any costs nothing.
Result<std::vector<MetricRecord>> SqlLedger::MetricsSince(const std::string& step,
                                                          int64_t since_ms) {
  return Transaction(kRead, [&]() -> Result<std::vector<MetricRecord>> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare(fmt::format("SELECT {} FROM comparisons{} WHERE step = ?1 AND "
                                 "purpose = 'run' AND metrics IS NOT NULL AND at_ms >= ?2",
                                 kMetricColumns, Hint("comparisons_metrics"))));
    stmt.BindText(1, step).BindInt(2, since_ms);
    CUTOVER_ASSIGN_OR_RETURN(std::vector<MetricRecord> out, ReadMetricRecords(stmt));
    std::sort(out.begin(), out.end(), [](const MetricRecord& a, const MetricRecord& b) {
      return a.at_ms != b.at_ms ? a.at_ms < b.at_ms : a.comparison_id < b.comparison_id;
    });
    return out;
  });
}

Result<std::vector<MetricRecord>> SqlLedger::LatestMetrics(const std::string& step) {
  return Transaction(kRead, [&]() -> Result<std::vector<MetricRecord>> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare(fmt::format(
            "SELECT {} FROM comparisons WHERE id IN (SELECT max(id) FROM comparisons{} WHERE "
            "step = ?1 AND purpose = 'run' AND metrics IS NOT NULL GROUP BY output) "
            "ORDER BY output",
            kMetricColumns, Hint("comparisons_metrics"))));
    stmt.BindText(1, step);
    return ReadMetricRecords(stmt);
  });
}

// --- calibrations ---

namespace {

constexpr std::string_view kImplementationChangeColumns =
    "id, step, side, at_ms, run_id, from_digest, to_digest, description, change, parts";

Result<ImplementationChange> ReadImplementationChange(const SqlStmt& s) {
  ImplementationChange c;
  c.id = s.ColumnInt(0);
  c.step = s.ColumnText(1);
  CUTOVER_ASSIGN_OR_RETURN(c.subject, FromColumn(ParseChangeSubject(s.ColumnText(2)),
                                                  "implementation_changes.side"));
  c.at_ms = s.ColumnInt(3);
  c.run_id = s.ColumnIsNull(4) ? 0 : s.ColumnInt(4);
  c.from_digest = s.ColumnText(5);
  c.to_digest = s.ColumnText(6);
  c.description = s.ColumnText(7);
  c.change = s.ColumnText(8);
  CUTOVER_ASSIGN_OR_RETURN(c.parts,
                           FromColumn(DecodeJson(s.ColumnText(9)), "implementation_changes.parts"));
  return c;
}

}  // namespace

Result<std::optional<ImplementationChange>> SqlLedger::CurrentImplementation(
    const std::string& step, ChangeSubject subject) {
  return Transaction(kRead, [&]() -> Result<std::optional<ImplementationChange>> {
    CUTOVER_ASSIGN_OR_RETURN(
        SqlStmt stmt,
        db_->Prepare(fmt::format("SELECT {} FROM implementation_changes WHERE step = ?1 AND "
                                 "side = ?2 ORDER BY id DESC LIMIT 1",
                                 kImplementationChangeColumns)));
    stmt.BindText(1, step).BindText(2, ToString(subject));
    CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
    if (!row) return std::optional<ImplementationChange>();
    CUTOVER_ASSIGN_OR_RETURN(ImplementationChange c, ReadImplementationChange(stmt));
    return std::optional<ImplementationChange>(std::move(c));
  });
}

Result<std::vector<ImplementationChange>> SqlLedger::ImplementationChanges(
    const std::string& step) {
  return Transaction(kRead, [&]() -> Result<std::vector<ImplementationChange>> {
    std::string sql = fmt::format("SELECT {} FROM implementation_changes",
                                  kImplementationChangeColumns);
    if (!step.empty()) sql += " WHERE step = ?1";
    sql += " ORDER BY id";
    CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt, db_->Prepare(sql));
    if (!step.empty()) stmt.BindText(1, step);
    std::vector<ImplementationChange> out;
    while (true) {
      CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
      if (!row) break;
      CUTOVER_ASSIGN_OR_RETURN(ImplementationChange c, ReadImplementationChange(stmt));
      out.push_back(std::move(c));
    }
    return out;
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
    // The counts below are read in the order of a covering index, so that SQLite groups them
    // as it reads instead of sorting every row (1,000,000 executions: 0.8 s -> 0.1 s). Where
    // no such index holds `purpose`, the rows of every purpose are counted and those of the
    // few other purposes (replays, calibrations: found by a range of tasks_by_time /
    // comparisons_by_time) subtracted.
    auto count_run_rows = [&](const std::string& all_sql, const std::string& others_sql,
                              int keys) -> Result<std::map<std::vector<std::string>, int64_t>> {
      std::map<std::vector<std::string>, int64_t> counts;
      for (int pass = 0; pass < 2; ++pass) {
        CUTOVER_ASSIGN_OR_RETURN(SqlStmt stmt, db_->Prepare(pass == 0 ? all_sql : others_sql));
        while (true) {
          CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
          if (!row) break;
          std::vector<std::string> key;
          for (int k = 0; k < keys; ++k) key.push_back(stmt.ColumnText(k));
          counts[key] += pass == 0 ? stmt.ColumnInt(keys) : -stmt.ColumnInt(keys);
        }
      }
      std::erase_if(counts, [](const auto& c) { return c.second == 0; });
      return counts;
    };
    {  // tasks
      CUTOVER_ASSIGN_OR_RETURN(
          auto counts,
          count_run_rows(fmt::format("SELECT step, status, fallback, count(*) FROM tasks{} "
                                     "GROUP BY step, status, fallback",
                                     Hint("tasks_by_step")),
                         fmt::format("SELECT step, status, fallback, count(*) FROM tasks{} "
                                     "WHERE purpose < 'run' OR purpose > 'run' "
                                     "GROUP BY step, status, fallback",
                                     Hint("tasks_by_time")),
                         3));
      for (const auto& [key, n] : counts) {
        StepSummary& s = entry(key[0]);
        CUTOVER_ASSIGN_OR_RETURN(TaskStatus status,
                                 FromColumn(ParseTaskStatus(key[1]), "tasks.status"));
        s.tasks += n;
        if (status == TaskStatus::kFailed) s.tasks_failed += n;
        if (key[2] != "0") s.fallbacks += n;
      }
    }
    struct FailureGroup {
      std::string step;
      std::string side;
      std::string status;
    };
    std::vector<FailureGroup> failure_groups;
    {  // executions
      CUTOVER_ASSIGN_OR_RETURN(
          SqlStmt stmt,
          db_->Prepare(fmt::format("SELECT step, side, purpose, status, count(*) FROM "
                                   "executions{} GROUP BY step, side, purpose, status",
                                   Hint("executions_evidence"))));
      while (true) {
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) break;
        if (stmt.ColumnText(2) != "run") continue;
        StepSummary& s = entry(stmt.ColumnText(0));
        CUTOVER_ASSIGN_OR_RETURN(Side side,
                                 FromColumn(ParseSide(stmt.ColumnText(1)), "executions.side"));
        CUTOVER_ASSIGN_OR_RETURN(ExecStatus status, FromColumn(ParseExecStatus(stmt.ColumnText(3)),
                                                               "executions.status"));
        int64_t n = stmt.ColumnInt(4);
        if (side == Side::kLegacy) {
          s.executions_legacy += n;
        } else {
          s.executions_new += n;
          if (CountsAsFailure(status)) s.new_failures += n;
        }
        if (IsLastFailureCandidate(status)) {
          failure_groups.push_back({s.step, stmt.ColumnText(1), stmt.ColumnText(3)});
        }
      }
    }
    {  // comparisons
      CUTOVER_ASSIGN_OR_RETURN(
          auto counts,
          count_run_rows(fmt::format("SELECT step, outcome, count(*) FROM comparisons{} "
                                     "GROUP BY step, outcome",
                                     Hint("comparisons_by_step")),
                         fmt::format("SELECT step, outcome, count(*) FROM comparisons{} "
                                     "WHERE purpose < 'run' OR purpose > 'run' "
                                     "GROUP BY step, outcome",
                                     Hint("comparisons_by_time")),
                         2));
      for (const auto& [key, n] : counts) {
        StepSummary& s = entry(key[0]);
        CUTOVER_ASSIGN_OR_RETURN(Outcome outcome,
                                 FromColumn(ParseOutcome(key[1]), "comparisons.outcome"));
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

    {  // the latest failed task of each step that has one
      CUTOVER_ASSIGN_OR_RETURN(
          SqlStmt stmt,
          db_->Prepare(fmt::format("SELECT {} FROM tasks WHERE step = ?1 AND status = 'failed' "
                                   "AND purpose = 'run' ORDER BY id DESC LIMIT 1",
                                   kTaskColumns)));
      for (auto& [step, summary] : by_step) {
        if (summary.tasks_failed == 0) continue;
        stmt.Reset();
        stmt.BindText(1, step);
        CUTOVER_ASSIGN_OR_RETURN(bool row, stmt.Step());
        if (!row) continue;
        CUTOVER_ASSIGN_OR_RETURN(TaskRecord t, ReadTask(stmt));
        summary.last_failed_task = std::move(t);
      }
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
        if (stmt.ColumnInt(3) != 0) {
          ++a.comparisons_accepted;
          if (outcome == Outcome::kError) ++a.comparisons_accepted_error;
        }
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

}  // namespace cutover::ledger_sql
