// The ReportFixture of report_fixture.h (compiled into the test binary only: *_test.cc).
#include "report/report_fixture.h"

#include <cstdlib>

namespace cutover::testing {

PipelineRules RulesOf(const Pipeline& pipeline) {
  auto rules = BuildPipelineRules(pipeline);
  if (!rules.ok()) std::abort();
  return std::move(rules).value();
}

int64_t ReportFixture::Task(const std::string& step, const std::string& sample, int64_t at,
                            Route route, std::optional<Side> served_by, bool fallback) {
  TaskRecord t;
  t.step = step;
  t.sample = sample;
  t.started_ms = at;
  t.route = route;
  t.served_by = served_by;
  t.fallback = fallback;
  t.status = served_by ? TaskStatus::kPublished : TaskStatus::kFailed;
  auto id = ledger_->BeginTask(t);
  if (!id.ok()) std::abort();
  return *id;
}

int64_t ReportFixture::Exec(int64_t task, const std::string& step, const std::string& sample,
                            Side side, Role role, ExecStatus status, int64_t at, int64_t wall_ms,
                            int64_t rss_kb) {
  ExecutionRecord e;
  e.task_id = task;
  e.step = step;
  e.sample = sample;
  e.side = side;
  e.role = role;
  e.status = status;
  e.exit_code = status == ExecStatus::kSucceeded ? 0 : 3;
  e.started_ms = at;
  e.finished_ms = at + wall_ms;
  e.wall_ms = wall_ms;
  e.max_rss_kb = rss_kb;
  if (status != ExecStatus::kSucceeded) e.stderr_tail = "Traceback: <script>alert(2)</script>";
  auto id = ledger_->BeginExecution(e);
  if (!id.ok()) std::abort();
  e.id = *id;
  if (!ledger_->FinishExecution(e).ok()) std::abort();
  return *id;
}

ReportFixture::ReportFixture() {
  auto ledger = OpenSqliteLedger(dir_.path() / "ledger.db");
  if (!ledger.ok()) std::abort();
  ledger_ = std::move(ledger).value();
  pipeline_.file = "/lab/cutover.yaml";
  Step qc;
  qc.name = "qc";
  qc.new_impl = Implementation{};
  qc.policy = {{"min_comparisons", 3}, {"min_samples", 2}, {"min_days", 7}, {"clean_last", 2}};
  Step trim;
  trim.name = "trim";
  pipeline_.steps = {qc, trim};
  rules_ = RulesOf(pipeline_);

  const Route legacy{RouteMode::kLegacy, 0}, shadow{RouteMode::kShadow, 0};
  // Week 1: legacy only.
  int64_t t = Task("qc", "a", kWeek1 + kDay, legacy, Side::kLegacy, false);
  Exec(t, "qc", "a", Side::kLegacy, Role::kServing, ExecStatus::kSucceeded, kWeek1 + kDay, 1000, 100000);
  t = Task("qc", "b", kWeek1 + kDay, legacy, Side::kLegacy, false);
  Exec(t, "qc", "b", Side::kLegacy, Role::kServing, ExecStatus::kSucceeded, kWeek1 + kDay, 3000, 300000);
  t = Task("trim", "a", kWeek1 + 2 * kDay, legacy, Side::kLegacy, false);
  Exec(t, "trim", "a", Side::kLegacy, Role::kServing, ExecStatus::kSucceeded, kWeek1 + 2 * kDay, 500, 5000);

  // Week 2: qc to shadow on Tuesday.
  RouteChange change;
  change.step = "qc";
  change.at_ms = kWeek2 + kDay;
  change.user = "alice";
  change.to = shadow;
  change.reason = "cutover qc ready";
  if (!ledger_->ChangeRoute(change).ok()) std::abort();
  const char* samples[] = {"a", "b", "<img src=x onerror=alert(1)>"};
  for (int i = 0; i < 3; ++i) {
    const int64_t at = kWeek2 + 2 * kDay + int64_t{i} * 1000;
    t = Task("qc", samples[i], at, shadow, Side::kLegacy, false);
    int64_t l = Exec(t, "qc", samples[i], Side::kLegacy, Role::kServing, ExecStatus::kSucceeded, at, 2000, 200000);
    int64_t n = Exec(t, "qc", samples[i], Side::kNew, Role::kShadow, ExecStatus::kSucceeded, at, int64_t{100} * (i + 1), 10000);
    ComparisonRecord c;
    c.task_id = t;
    c.step = "qc";
    c.sample = samples[i];
    c.output = "zip";
    c.comparator = "fastqc";
    c.outcome = i == 2 ? Outcome::kMismatch : Outcome::kMatch;
    c.summary = {{"message", i == 2 ? "module X differs <b>" : "identical"}};
    c.legacy_execution_id = l;
    c.new_execution_id = n;
    c.at_ms = at + 5000;
    auto id = ledger_->RecordComparison(c);
    if (!id.ok()) std::abort();
    if (i == 2) mismatch_id_ = *id;
  }
  // Week 3: the new side fails in shadow; legacy serves.
  const int64_t at = kWeek3 + kDay;
  t = Task("qc", "a", at, shadow, Side::kLegacy, false);
  Exec(t, "qc", "a", Side::kLegacy, Role::kServing, ExecStatus::kSucceeded, at, 2000, 200000);
  failed_execution_id_ =
      Exec(t, "qc", "a", Side::kNew, Role::kShadow, ExecStatus::kFailed, at, 50, 9000);
}

}  // namespace cutover::testing
