// The Ledger's behaviour, run against every backend (SQLite and PostgreSQL: test_backend.h).
#include "ledger/sqlite_ledger.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <set>
#include <thread>

#include "ledger/sqlite_db.h"
#include "ledger/schema.h"
#include "ledger/test_backend.h"
#include "util/file.h"

namespace cutover {
namespace {

// Every field of a record, for comparisons whose failure shows the whole record.
std::string Dump(const RunRecord& r) {
  return fmt::format("id={} command={} user={} host={} pid={} started={} finished={} status={}",
                     r.id, r.command, r.user, r.host, r.pid, r.started_ms, r.finished_ms,
                     ToString(r.status));
}

std::string Dump(const TaskRecord& t) {
  return fmt::format(
      "id={} run={} step={} sample={} route={} serving={} served_by={} fallback={} status={} "
      "fingerprint={} error={} started={} finished={}",
      t.id, t.run_id, t.step, t.sample, ToString(t.route), ToString(t.serving),
      t.served_by ? ToString(*t.served_by) : "none", t.fallback, ToString(t.status), t.fingerprint,
      t.error, t.started_ms, t.finished_ms);
}

std::string Dump(const ExecutionRecord& e) {
  std::string outputs;
  for (const OutputRecord& o : e.outputs) {
    outputs += fmt::format("[{} {} {} {}]", o.name, o.path, o.size, o.digest);
  }
  std::string argv;
  for (const std::string& a : e.argv) argv += "<" + a + ">";
  return fmt::format(
      "id={} task={} step={} sample={} side={} role={} argv={} scratch={} status={} exit={} "
      "signal={} wall={} cpu={} rss={} stderr={} error={} outputs={} started={} finished={}",
      e.id, e.task_id, e.step, e.sample, ToString(e.side), ToString(e.role), argv, e.scratch_dir,
      ToString(e.status), e.exit_code, e.signal, e.wall_ms, e.cpu_ms, e.max_rss_kb, e.stderr_tail,
      e.error, outputs, e.started_ms, e.finished_ms);
}

std::string Dump(const ComparisonRecord& c) {
  return fmt::format(
      "id={} task={} step={} sample={} output={} comparator={} outcome={} summary={} legacy={} "
      "new={} at={}",
      c.id, c.task_id, c.step, c.sample, c.output, c.comparator, ToString(c.outcome),
      c.summary.dump(), c.legacy_execution_id, c.new_execution_id, c.at_ms);
}

std::string Dump(const RouteChange& c) {
  return fmt::format("id={} step={} at={} user={} from={} to={} reason={} automatic={}", c.id,
                     c.step, c.at_ms, c.user, ToString(c.from), ToString(c.to), c.reason,
                     c.automatic);
}

std::string Dump(const PublishedRecord& p) {
  std::string outputs;
  for (const PublishedOutput& o : p.outputs) {
    outputs += fmt::format("[{} {} {} {} {}]", o.name, o.path, o.size, o.mtime_ns, o.digest);
  }
  return fmt::format("step={} sample={} task={} fingerprint={} outputs={} at={}", p.step, p.sample,
                     p.task_id, p.fingerprint, outputs, p.at_ms);
}

RouteChange Change(const std::string& step, Route to, int64_t at_ms = 1000) {
  RouteChange c;
  c.step = step;
  c.at_ms = at_ms;
  c.user = "alice";
  c.to = to;
  c.reason = "because";
  return c;
}

constexpr Route kLegacy{RouteMode::kLegacy, 0};
constexpr Route kShadow{RouteMode::kShadow, 0};
constexpr Route kNew{RouteMode::kNew, 0};

class LedgerTest : public ::testing::TestWithParam<SqlBackend> {
 protected:
  void SetUp() override {
    backend_ = std::make_unique<TestLedgerBackend>(GetParam());
    if (!backend_->available()) GTEST_SKIP() << backend_->message();
    ledger_ = Open();
    ASSERT_TRUE(ledger_);
  }
  bool postgres() const { return backend_->postgres(); }

  std::unique_ptr<Ledger> Open() {
    auto ledger = backend_->Open();
    EXPECT_TRUE(ledger.ok()) << ledger.status().ToString();
    return ledger.ok() ? std::move(ledger).value() : nullptr;
  }

  int64_t NewRun(Ledger& ledger) {
    RunRecord run;
    run.command = "cutover run";
    auto id = ledger.BeginRun(run);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }
  int64_t NewRun() { return NewRun(*ledger_); }

  int64_t NewTask(int64_t run_id, const std::string& step, const std::string& sample = "s1") {
    TaskRecord task;
    task.run_id = run_id;
    task.step = step;
    task.sample = sample;
    auto id = ledger_->BeginTask(task);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  int64_t AddExecution(int64_t task_id, const std::string& step, Side side, Role role,
                       ExecStatus status, const std::string& stderr_tail = "") {
    ExecutionRecord e;
    e.task_id = task_id;
    e.step = step;
    e.sample = "s1";
    e.side = side;
    e.role = role;
    e.status = status;
    e.stderr_tail = stderr_tail;
    auto id = ledger_->BeginExecution(e);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : 0;
  }

  int ConsecutiveNewFailures(const std::string& step) {
    auto n = ledger_->ConsecutiveNewFailures(step);
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return n.ok() ? *n : -1;
  }

  std::string RawQuery(std::string_view sql) { return backend_->RawQuery(sql); }

  std::unique_ptr<TestLedgerBackend> backend_;
  std::unique_ptr<Ledger> ledger_;
};

INSTANTIATE_TEST_SUITE_P(Backends, LedgerTest,
                         ::testing::Values(SqlBackend::kSqlite, SqlBackend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

// --- round trips ---

TEST_P(LedgerTest, RunRoundTrips) {
  RunRecord run{0,    "cutover run --jobs 4", "alice", "lab-1",
                4242, 1700000000123,          0,       RunStatus::kRunning};
  auto id = ledger_->BeginRun(run);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  run.id = *id;
  EXPECT_EQ(Dump(*ledger_->GetRun(run.id)), Dump(run));
  ASSERT_EQ(ledger_->UnfinishedRuns()->size(), 1u);
  EXPECT_EQ(Dump(ledger_->UnfinishedRuns()->at(0)), Dump(run));

  ASSERT_TRUE(ledger_->FinishRun(run.id, RunStatus::kSucceeded, 1700000009999).ok());
  run.status = RunStatus::kSucceeded;
  run.finished_ms = 1700000009999;
  EXPECT_EQ(Dump(*ledger_->GetRun(run.id)), Dump(run));
  EXPECT_TRUE(ledger_->UnfinishedRuns()->empty());

  EXPECT_EQ(ledger_->FinishRun(999, RunStatus::kFailed, 1).code(), StatusCode::kNotFound);
  EXPECT_EQ(ledger_->GetRun(999).status().code(), StatusCode::kNotFound);
}

TEST_P(LedgerTest, TaskRoundTrips) {
  int64_t run_id = NewRun();
  TaskRecord task;
  task.run_id = run_id;
  task.step = "trim";
  task.sample = "sample with spaces & 'quotes'";
  task.route = Route{RouteMode::kCanary, 30};
  task.serving = Side::kNew;
  task.served_by = std::nullopt;
  task.status = TaskStatus::kRunning;
  task.fingerprint = "xxh3:0123456789abcdef";
  task.started_ms = 1700000000000;
  auto id = ledger_->BeginTask(task);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  task.id = *id;
  EXPECT_EQ(Dump(*ledger_->GetTask(task.id)), Dump(task));

  // FinishTask updates status, served_by, fallback, error and finished_ms only.
  TaskRecord finish = task;
  finish.status = TaskStatus::kPublished;
  finish.served_by = Side::kLegacy;
  finish.fallback = true;
  finish.error = "new side exited 1";
  finish.finished_ms = 1700000005000;
  finish.fingerprint = "ignored";
  finish.step = "ignored";
  ASSERT_TRUE(ledger_->FinishTask(finish).ok());
  task.status = finish.status;
  task.served_by = finish.served_by;
  task.fallback = true;
  task.error = finish.error;
  task.finished_ms = finish.finished_ms;
  EXPECT_EQ(Dump(*ledger_->GetTask(task.id)), Dump(task));

  finish.id = 999;
  EXPECT_EQ(ledger_->FinishTask(finish).code(), StatusCode::kNotFound);
  EXPECT_EQ(ledger_->GetTask(999).status().code(), StatusCode::kNotFound);
}

TEST_P(LedgerTest, ReferencesMustExistAndZeroMeansNone) {
  TaskRecord orphan;
  orphan.run_id = 12345;
  orphan.step = "qc";
  auto bad = ledger_->BeginTask(orphan);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument) << bad.status().ToString();

  orphan.run_id = 0;  // no run
  auto id = ledger_->BeginTask(orphan);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(ledger_->GetTask(*id)->run_id, 0);
}

TEST_P(LedgerTest, ExecutionRoundTrips) {
  int64_t task_id = NewTask(NewRun(), "qc");
  ExecutionRecord e;
  e.task_id = task_id;
  e.step = "qc";
  e.sample = "s1";
  e.side = Side::kNew;
  e.role = Role::kShadow;
  e.argv = {"cutover", "qc",          "--outdir",       "/tmp/a b",
            "",        "caf\xc3\xa9", "latin1 caf\xe9", "$(rm -rf /)"};
  e.scratch_dir = "/work/.cutover/scratch/qc/s1/new";
  e.status = ExecStatus::kRunning;
  e.outputs = {{"report", "", 0, ""}};
  e.started_ms = 1700000000001;
  auto id = ledger_->BeginExecution(e);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  e.id = *id;
  EXPECT_EQ(Dump(*ledger_->GetExecution(e.id)), Dump(e));

  ExecutionRecord done = e;
  done.status = ExecStatus::kTimedOut;
  done.exit_code = 137;
  done.signal = 9;
  done.wall_ms = 60000;
  done.cpu_ms = 59000;
  done.max_rss_kb = 1 << 22;
  done.stderr_tail = std::string("binary\0\xff tail\nline 2\n", 21);
  done.error = "timed out after 1m";
  done.outputs = {{"html", "results/s1_fastqc.html", 12345, "xxh3:aa"},
                  {"zip", "results/s1_fastqc.zip", 678, "xxh3:bb"}};
  done.finished_ms = 1700000060001;
  ASSERT_TRUE(ledger_->FinishExecution(done).ok());
  EXPECT_EQ(Dump(*ledger_->GetExecution(e.id)), Dump(done));

  int64_t second =
      AddExecution(task_id, "qc", Side::kLegacy, Role::kServing, ExecStatus::kSucceeded);
  auto of_task = ledger_->ExecutionsOfTask(task_id);
  ASSERT_TRUE(of_task.ok()) << of_task.status().ToString();
  ASSERT_EQ(of_task->size(), 2u);
  EXPECT_EQ(Dump(of_task->at(0)), Dump(done));
  EXPECT_EQ(of_task->at(1).id, second);
  EXPECT_TRUE(ledger_->ExecutionsOfTask(999)->empty());

  done.id = 999;
  EXPECT_EQ(ledger_->FinishExecution(done).code(), StatusCode::kNotFound);
  EXPECT_EQ(ledger_->GetExecution(999).status().code(), StatusCode::kNotFound);
}

TEST_P(LedgerTest, ComparisonRoundTrips) {
  int64_t task_id = NewTask(NewRun(), "qc");
  int64_t legacy =
      AddExecution(task_id, "qc", Side::kLegacy, Role::kServing, ExecStatus::kSucceeded);
  int64_t fresh = AddExecution(task_id, "qc", Side::kNew, Role::kShadow, ExecStatus::kSucceeded);
  ComparisonRecord c;
  c.task_id = task_id;
  c.step = "qc";
  c.sample = "s1";
  c.output = "fastqc_data";
  c.comparator = "fastqc";
  c.outcome = Outcome::kMismatch;
  c.summary = {{"modules", {{"Per base quality", "pass/warn"}}},
               {"lines_differ", 3},
               {"ratio", 0.25},
               {"ok", false},
               {"none", nullptr}};
  c.legacy_execution_id = legacy;
  c.new_execution_id = fresh;
  c.at_ms = 1700000000002;
  auto id = ledger_->RecordComparison(c);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  c.id = *id;

  ComparisonRecord error = c;
  error.outcome = Outcome::kError;
  error.summary = nlohmann::json::object();
  error.new_execution_id = 0;  // none
  error.id = *ledger_->RecordComparison(error);

  auto got = ledger_->ComparisonsOfTask(task_id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->size(), 2u);
  EXPECT_EQ(Dump(got->at(0)), Dump(c));
  EXPECT_EQ(Dump(got->at(1)), Dump(error));
}

TEST_P(LedgerTest, PublishedIsReplaced) {
  int64_t task_id = NewTask(NewRun(), "qc");
  EXPECT_FALSE(ledger_->GetPublished("qc", "s1")->has_value());

  PublishedRecord p{"qc",
                    "s1",
                    task_id,
                    "fp1",
                    {{"html", "results/s1.html", 10, 1700000000123456789, "xxh3:1"},
                     {"zip", "results/s1.zip", 20, 1700000000123456790, "xxh3:2"}},
                    1700000000000};
  ASSERT_TRUE(ledger_->RecordPublished(p).ok());
  auto got = ledger_->GetPublished("qc", "s1");
  ASSERT_TRUE(got.ok() && got->has_value()) << got.status().ToString();
  EXPECT_EQ(Dump(**got), Dump(p));

  PublishedRecord replaced{"qc", "s1", 0, "fp2", {{"html", "results/s1.html", 11, 5, "x"}}, 9};
  ASSERT_TRUE(ledger_->RecordPublished(replaced).ok());
  EXPECT_EQ(Dump(**ledger_->GetPublished("qc", "s1")), Dump(replaced));
  EXPECT_FALSE(ledger_->GetPublished("qc", "s2")->has_value());
  EXPECT_EQ(RawQuery("SELECT count(*) FROM published_outputs"), "1");
}

// --- routes ---

TEST_P(LedgerTest, RoutesDefaultToLegacyAndFollowTheLatestChange) {
  EXPECT_EQ(*ledger_->GetRoute("qc"), kLegacy);
  EXPECT_TRUE(ledger_->GetRoutes()->empty());
  EXPECT_TRUE(ledger_->History("")->empty());

  RouteChange to_shadow = Change("qc", kShadow, 1000);
  to_shadow.from = kNew;  // ignored: filled from the current route
  auto first = ledger_->ChangeRoute(to_shadow);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_GT(first->id, 0);
  EXPECT_EQ(first->from, kLegacy);
  EXPECT_EQ(first->to, kShadow);

  ASSERT_TRUE(ledger_->ChangeRoute(Change("trim", kShadow, 1500)).ok());
  RouteChange canary = Change("qc", Route{RouteMode::kCanary, 25}, 2000);
  canary.user = "cutover";
  canary.automatic = true;
  canary.reason = "3 consecutive failures";
  auto second = ledger_->ChangeRoute(canary);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->from, kShadow);

  EXPECT_EQ(*ledger_->GetRoute("qc"), (Route{RouteMode::kCanary, 25}));
  EXPECT_EQ(*ledger_->GetRoute("trim"), kShadow);
  EXPECT_EQ(*ledger_->GetRoute("report"), kLegacy);
  std::map<std::string, Route> routes = *ledger_->GetRoutes();
  EXPECT_EQ(routes.size(), 2u);
  EXPECT_EQ(routes["qc"], (Route{RouteMode::kCanary, 25}));
  EXPECT_EQ(routes["trim"], kShadow);

  auto qc = ledger_->History("qc");
  ASSERT_TRUE(qc.ok());
  ASSERT_EQ(qc->size(), 2u);
  EXPECT_EQ(Dump(qc->at(0)), Dump(*first));
  EXPECT_EQ(Dump(qc->at(1)), Dump(*second));
  auto all = ledger_->History("");
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ(all->at(1).step, "trim");
  EXPECT_TRUE(ledger_->History("report")->empty());
}

TEST_P(LedgerTest, ChangeRouteRejectsAnInvalidRoute) {
  EXPECT_EQ(ledger_->ChangeRoute(Change("qc", Route{RouteMode::kCanary, 101})).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ledger_->ChangeRoute(Change("qc", Route{RouteMode::kNew, 5})).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(ledger_->ChangeRoute(Change("", kNew)).status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(ledger_->History("")->empty());
}

// A route no cutover writes (edited by hand, or damaged) is corruption wherever it is read,
// never a route to act on; a rollback still works off it, keeping what it replaced in the reason.
TEST_P(LedgerTest, AnImpossibleRouteIsCorruptionButRollbackStillWorks) {
  ASSERT_TRUE(ledger_->ChangeRoute(Change("qc", kShadow, 1000)).ok());
  ASSERT_TRUE(ledger_->ChangeRoute(Change("qc", Route{RouteMode::kCanary, 20}, 2000)).ok());
  ASSERT_TRUE(ledger_->ChangeRoute(Change("trim", kShadow, 2500)).ok());
  ASSERT_TRUE(backend_->RawExec("UPDATE route_changes SET to_percent = -5 WHERE id = 2").ok());

  for (const Status& read : {ledger_->GetRoute("qc").status(), ledger_->GetRoutes().status()}) {
    EXPECT_EQ(read.code(), StatusCode::kCorruption) << read.ToString();
    EXPECT_NE(read.message().find("canary -5 %"), std::string::npos) << read.ToString();
    EXPECT_NE(read.message().find("cutover rollback"), std::string::npos) << read.ToString();
  }
  EXPECT_EQ(ledger_->GetRoute("trim")->mode, RouteMode::kShadow);  // other steps unaffected
  // Promotions and other changes need to know where they start from: refused.
  EXPECT_EQ(ledger_->ChangeRoute(Change("qc", kNew, 3000)).status().code(),
            StatusCode::kCorruption);
  RouteChange expected = Change("qc", kLegacy, 3000);
  expected.expect_from = Route{RouteMode::kCanary, 20};
  EXPECT_EQ(ledger_->ChangeRoute(expected).status().code(), StatusCode::kCorruption);

  RouteChange rollback = Change("qc", kLegacy, 3000);
  rollback.reason = "rollback";
  auto done = ledger_->ChangeRoute(rollback);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->from, (Route{RouteMode::kCanary, 0}));  // -5 clamped into range
  EXPECT_NE(done->reason.find("rolled back from an unreadable route"), std::string::npos)
      << done->reason;
  EXPECT_NE(done->reason.find("-5"), std::string::npos) << done->reason;
  EXPECT_EQ(ledger_->GetRoute("qc")->mode, RouteMode::kLegacy);
  // The damaged change stays in the history, flagged, and the history stays readable.
  auto history = ledger_->History("qc");
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].damaged, "");
  EXPECT_EQ((*history)[1].damaged, "canary -5 %");
  EXPECT_EQ((*history)[2].damaged, "");

  ASSERT_TRUE(backend_->RawExec("UPDATE route_changes SET to_mode = 'sideways' WHERE id = 3").ok());
  EXPECT_EQ(ledger_->GetRoute("trim").status().code(), StatusCode::kCorruption);
  ASSERT_TRUE(ledger_->ChangeRoute(Change("trim", kLegacy, 4000)).ok());
  EXPECT_EQ(ledger_->GetRoute("trim")->mode, RouteMode::kLegacy);
}

// --- consecutive failures ---

TEST_P(LedgerTest, ConsecutiveNewFailuresCountsServingNewFailuresUntilASuccess) {
  int64_t task = NewTask(NewRun(), "qc");
  EXPECT_EQ(ConsecutiveNewFailures("qc"), 0);
  AddExecution(task, "qc", Side::kNew, Role::kServing, ExecStatus::kFailed);
  AddExecution(task, "qc", Side::kNew, Role::kServing, ExecStatus::kSucceeded);
  EXPECT_EQ(ConsecutiveNewFailures("qc"), 0);
  AddExecution(task, "qc", Side::kNew, Role::kServing, ExecStatus::kFailed);
  AddExecution(task, "qc", Side::kNew, Role::kServing, ExecStatus::kSignaled);
  AddExecution(task, "qc", Side::kNew, Role::kServing, ExecStatus::kTimedOut);
  AddExecution(task, "qc", Side::kNew, Role::kServing, ExecStatus::kMissingOutput);
  AddExecution(task, "qc", Side::kNew, Role::kServing, ExecStatus::kSpawnFailed);
  EXPECT_EQ(ConsecutiveNewFailures("qc"), 5);

  // Ignored: shadow-role new failures, legacy and fallback executions, other steps, and
  // executions that did not end by themselves (running, interrupted, cancelled).
  AddExecution(task, "qc", Side::kNew, Role::kShadow, ExecStatus::kFailed);
  AddExecution(task, "qc", Side::kNew, Role::kShadow, ExecStatus::kSucceeded);
  AddExecution(task, "qc", Side::kLegacy, Role::kFallback, ExecStatus::kSucceeded);
  AddExecution(task, "qc", Side::kLegacy, Role::kServing, ExecStatus::kFailed);
  AddExecution(task, "trim", Side::kNew, Role::kServing, ExecStatus::kSucceeded);
  AddExecution(task, "qc", Side::kNew, Role::kServing, ExecStatus::kRunning);
  AddExecution(task, "qc", Side::kNew, Role::kServing, ExecStatus::kInterrupted);
  AddExecution(task, "qc", Side::kNew, Role::kServing, ExecStatus::kCancelled);
  EXPECT_EQ(ConsecutiveNewFailures("qc"), 5);
  EXPECT_EQ(ConsecutiveNewFailures("trim"), 0);

  // A success that finished later but began earlier does not reset the count: order is by
  // when executions began.
  AddExecution(task, "qc", Side::kNew, Role::kServing, ExecStatus::kFailed);
  EXPECT_EQ(ConsecutiveNewFailures("qc"), 6);
}

TEST_P(LedgerTest, ConsecutiveNewFailuresStopsAtTheLatestRouteChange) {
  int64_t task = NewTask(NewRun(), "qc");
  ASSERT_TRUE(ledger_->ChangeRoute(Change("qc", kNew, 1000)).ok());
  AddExecution(task, "qc", Side::kNew, Role::kServing, ExecStatus::kFailed);
  AddExecution(task, "qc", Side::kNew, Role::kServing, ExecStatus::kFailed);
  EXPECT_EQ(ConsecutiveNewFailures("qc"), 2);

  // An automatic rollback, then the route back to new, all within the same millisecond as the
  // failures: the change still separates what came before from what came after.
  ASSERT_TRUE(ledger_->ChangeRoute(Change("qc", kLegacy, 1000)).ok());
  EXPECT_EQ(ConsecutiveNewFailures("qc"), 0);
  ASSERT_TRUE(ledger_->ChangeRoute(Change("qc", kNew, 1000)).ok());
  EXPECT_EQ(ConsecutiveNewFailures("qc"), 0);
  AddExecution(task, "qc", Side::kNew, Role::kServing, ExecStatus::kFailed);
  EXPECT_EQ(ConsecutiveNewFailures("qc"), 1);

  // Another step's route change does not matter.
  ASSERT_TRUE(ledger_->ChangeRoute(Change("trim", kNew, 2000)).ok());
  EXPECT_EQ(ConsecutiveNewFailures("qc"), 1);
}

// --- interruption ---

TEST_P(LedgerTest, MarkRunInterruptedStopsWhatWasRunning) {
  int64_t run = NewRun();
  int64_t other_run = NewRun();
  int64_t running_task = NewTask(run, "qc", "s1");
  int64_t published_task = NewTask(run, "qc", "s2");
  int64_t failed_task = NewTask(run, "qc", "s3");
  int64_t other_task = NewTask(other_run, "qc", "s4");

  int64_t e_running =
      AddExecution(running_task, "qc", Side::kLegacy, Role::kServing, ExecStatus::kRunning);
  int64_t e_served =
      AddExecution(published_task, "qc", Side::kLegacy, Role::kServing, ExecStatus::kSucceeded);
  int64_t e_shadow = AddExecution(published_task, "qc", Side::kNew, Role::kShadow,
                                  ExecStatus::kRunning);  // background shadow, task published
  int64_t e_failed =
      AddExecution(failed_task, "qc", Side::kLegacy, Role::kServing, ExecStatus::kFailed);
  int64_t e_other =
      AddExecution(other_task, "qc", Side::kLegacy, Role::kServing, ExecStatus::kRunning);
  TaskRecord t = *ledger_->GetTask(published_task);
  t.status = TaskStatus::kPublished;
  t.finished_ms = 500;
  ASSERT_TRUE(ledger_->FinishTask(t).ok());
  t = *ledger_->GetTask(failed_task);
  t.status = TaskStatus::kFailed;
  t.finished_ms = 600;
  ASSERT_TRUE(ledger_->FinishTask(t).ok());

  ASSERT_TRUE(ledger_->MarkRunInterrupted(run, 9999).ok());

  RunRecord r = *ledger_->GetRun(run);
  EXPECT_EQ(r.status, RunStatus::kInterrupted);
  EXPECT_EQ(r.finished_ms, 9999);
  EXPECT_EQ(ledger_->GetTask(running_task)->status, TaskStatus::kInterrupted);
  EXPECT_EQ(ledger_->GetTask(running_task)->finished_ms, 9999);
  EXPECT_EQ(ledger_->GetTask(published_task)->status, TaskStatus::kPublished);
  EXPECT_EQ(ledger_->GetTask(published_task)->finished_ms, 500);
  EXPECT_EQ(ledger_->GetTask(failed_task)->status, TaskStatus::kFailed);
  EXPECT_EQ(ledger_->GetExecution(e_running)->status, ExecStatus::kInterrupted);
  EXPECT_EQ(ledger_->GetExecution(e_running)->finished_ms, 9999);
  EXPECT_EQ(ledger_->GetExecution(e_shadow)->status, ExecStatus::kInterrupted);
  EXPECT_EQ(ledger_->GetExecution(e_served)->status, ExecStatus::kSucceeded);
  EXPECT_EQ(ledger_->GetExecution(e_failed)->status, ExecStatus::kFailed);

  // The other run is untouched.
  EXPECT_EQ(ledger_->GetRun(other_run)->status, RunStatus::kRunning);
  EXPECT_EQ(ledger_->GetTask(other_task)->status, TaskStatus::kRunning);
  EXPECT_EQ(ledger_->GetExecution(e_other)->status, ExecStatus::kRunning);
  auto unfinished = ledger_->UnfinishedRuns();
  ASSERT_EQ(unfinished->size(), 1u);
  EXPECT_EQ(unfinished->at(0).id, other_run);

  EXPECT_EQ(ledger_->MarkRunInterrupted(999, 1).code(), StatusCode::kNotFound);
}

// --- summaries ---

TEST_P(LedgerTest, SummariesCountPerStep) {
  int64_t run = NewRun();
  ASSERT_TRUE(ledger_->ChangeRoute(Change("qc", kShadow)).ok());
  ASSERT_TRUE(ledger_->ChangeRoute(Change("qc", kNew)).ok());
  ASSERT_TRUE(ledger_->ChangeRoute(Change("report", kShadow)).ok());  // routed, no task

  int64_t t1 = NewTask(run, "qc", "s1");
  int64_t t2 = NewTask(run, "qc", "s2");
  int64_t t3 = NewTask(run, "trim", "s1");  // never routed
  TaskRecord task = *ledger_->GetTask(t2);
  task.status = TaskStatus::kPublished;
  task.fallback = true;
  task.served_by = Side::kLegacy;
  ASSERT_TRUE(ledger_->FinishTask(task).ok());
  task = *ledger_->GetTask(t3);
  task.status = TaskStatus::kFailed;
  ASSERT_TRUE(ledger_->FinishTask(task).ok());

  AddExecution(t1, "qc", Side::kNew, Role::kServing, ExecStatus::kSucceeded);
  AddExecution(t1, "qc", Side::kLegacy, Role::kShadow, ExecStatus::kSucceeded);
  AddExecution(t2, "qc", Side::kNew, Role::kServing, ExecStatus::kTimedOut, "old failure");
  int64_t last =
      AddExecution(t2, "qc", Side::kNew, Role::kServing, ExecStatus::kFailed, "Traceback: boom");
  AddExecution(t2, "qc", Side::kLegacy, Role::kFallback, ExecStatus::kSucceeded);
  AddExecution(t2, "qc", Side::kNew, Role::kShadow, ExecStatus::kCancelled);  // not a failure
  AddExecution(t2, "qc", Side::kNew, Role::kServing, ExecStatus::kRunning);
  int64_t trim_last =
      AddExecution(t3, "trim", Side::kLegacy, Role::kServing, ExecStatus::kInterrupted);

  for (Outcome o : {Outcome::kMatch, Outcome::kMatch, Outcome::kMismatch, Outcome::kNoise,
                    Outcome::kError, Outcome::kError, Outcome::kError}) {
    ComparisonRecord c;
    c.task_id = t1;
    c.step = "qc";
    c.outcome = o;
    ASSERT_TRUE(ledger_->RecordComparison(c).ok());
  }

  auto summaries = ledger_->Summaries();
  ASSERT_TRUE(summaries.ok()) << summaries.status().ToString();
  ASSERT_EQ(summaries->size(), 3u);
  const StepSummary& qc = summaries->at(0);
  const StepSummary& report = summaries->at(1);
  const StepSummary& trim = summaries->at(2);
  EXPECT_EQ(qc.step, "qc");
  EXPECT_EQ(report.step, "report");
  EXPECT_EQ(trim.step, "trim");

  EXPECT_EQ(qc.route, kNew);
  EXPECT_EQ(qc.tasks, 2);
  EXPECT_EQ(qc.tasks_failed, 0);
  EXPECT_EQ(qc.fallbacks, 1);
  EXPECT_EQ(qc.executions_legacy, 2);
  EXPECT_EQ(qc.executions_new, 5);
  EXPECT_EQ(qc.new_failures, 2);
  EXPECT_EQ(qc.comparisons_match, 2);
  EXPECT_EQ(qc.comparisons_mismatch, 1);
  EXPECT_EQ(qc.comparisons_noise, 1);
  EXPECT_EQ(qc.comparisons_error, 3);
  ASSERT_TRUE(qc.last_failure.has_value());
  EXPECT_EQ(qc.last_failure->id, last);
  EXPECT_EQ(qc.last_failure->stderr_tail, "Traceback: boom");
  EXPECT_EQ(Dump(*qc.last_failure), Dump(*ledger_->GetExecution(last)));

  EXPECT_EQ(report.route, kShadow);
  EXPECT_EQ(report.tasks, 0);
  EXPECT_EQ(report.executions_legacy + report.executions_new, 0);
  EXPECT_FALSE(report.last_failure.has_value());

  EXPECT_EQ(trim.route, kLegacy);
  EXPECT_EQ(trim.tasks, 1);
  EXPECT_EQ(trim.tasks_failed, 1);
  EXPECT_EQ(trim.executions_legacy, 1);
  EXPECT_EQ(trim.new_failures, 0);
  ASSERT_TRUE(trim.last_failure.has_value());
  EXPECT_EQ(trim.last_failure->id, trim_last);
  // The failed task is there too (with its error); qc has none.
  ASSERT_TRUE(trim.last_failed_task.has_value());
  EXPECT_EQ(trim.last_failed_task->status, TaskStatus::kFailed);
  EXPECT_EQ(trim.last_failed_task->id, trim.last_failure->task_id);
  EXPECT_FALSE(qc.last_failed_task.has_value());
}

// Replays are evidence of their own (`cutover replay`): the summaries count what runs did, and
// a step that only has replays is not listed. (The counts are read as "every purpose minus the
// others", so both halves are exercised here.)
TEST_P(LedgerTest, SummariesCountRunsNotReplays) {
  const int64_t run = NewRun();
  const int64_t t1 = NewTask(run, "qc");
  TaskRecord replay;
  replay.run_id = run;
  replay.step = "qc";
  replay.sample = "s1";
  replay.purpose = TaskPurpose::kReplay;
  replay.replay_of = t1;
  auto r1 = ledger_->BeginTask(replay);
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  replay.step = "only_replayed";
  auto r2 = ledger_->BeginTask(replay);
  ASSERT_TRUE(r2.ok()) << r2.status().ToString();
  for (int64_t t : {*r1, *r2}) {
    TaskRecord task = *ledger_->GetTask(t);
    task.status = TaskStatus::kFailed;
    task.fallback = true;
    ASSERT_TRUE(ledger_->FinishTask(task).ok());
  }

  AddExecution(t1, "qc", Side::kLegacy, Role::kServing, ExecStatus::kSucceeded);
  for (int64_t t : {*r1, *r2}) {
    ExecutionRecord e;
    e.task_id = t;
    e.step = t == *r1 ? "qc" : "only_replayed";
    e.sample = "s1";
    e.side = Side::kNew;
    e.role = Role::kShadow;
    e.status = ExecStatus::kFailed;
    e.purpose = TaskPurpose::kReplay;
    ASSERT_TRUE(ledger_->BeginExecution(e).ok());
    ComparisonRecord c;
    c.task_id = t;
    c.step = e.step;
    c.outcome = Outcome::kMismatch;
    c.purpose = TaskPurpose::kReplay;
    ASSERT_TRUE(ledger_->RecordComparison(c).ok());
  }
  ComparisonRecord c;
  c.task_id = t1;
  c.step = "qc";
  c.outcome = Outcome::kMatch;
  ASSERT_TRUE(ledger_->RecordComparison(c).ok());

  auto summaries = ledger_->Summaries();
  ASSERT_TRUE(summaries.ok()) << summaries.status().ToString();
  ASSERT_EQ(summaries->size(), 1u);
  const StepSummary& qc = summaries->at(0);
  EXPECT_EQ(qc.step, "qc");
  EXPECT_EQ(qc.tasks, 1);
  EXPECT_EQ(qc.tasks_failed, 0);
  EXPECT_EQ(qc.fallbacks, 0);
  EXPECT_EQ(qc.executions_legacy, 1);
  EXPECT_EQ(qc.executions_new, 0);
  EXPECT_EQ(qc.new_failures, 0);
  EXPECT_EQ(qc.comparisons_match, 1);
  EXPECT_EQ(qc.comparisons_mismatch, 0);
  EXPECT_FALSE(qc.last_failure.has_value());
}

TEST_P(LedgerTest, SummariesOfAnEmptyLedger) {
  auto summaries = ledger_->Summaries();
  ASSERT_TRUE(summaries.ok()) << summaries.status().ToString();
  EXPECT_TRUE(summaries->empty());
}

// --- the file ---

TEST_P(LedgerTest, ReopeningKeepsEverything) {
  int64_t run = NewRun();
  int64_t task = NewTask(run, "qc");
  int64_t exec = AddExecution(task, "qc", Side::kNew, Role::kServing, ExecStatus::kFailed);
  ASSERT_TRUE(ledger_->ChangeRoute(Change("qc", kShadow)).ok());
  std::string before = Dump(*ledger_->GetExecution(exec));
  ledger_.reset();

  ledger_ = Open();
  ASSERT_TRUE(ledger_);
  EXPECT_EQ(Dump(*ledger_->GetExecution(exec)), before);
  EXPECT_EQ(*ledger_->GetRoute("qc"), kShadow);
  EXPECT_EQ(ledger_->GetTask(task)->run_id, run);
  EXPECT_EQ(SqliteLedgerSchemaVersion(), 6);
  EXPECT_EQ(RawQuery("SELECT value FROM meta WHERE name = 'schema_version'"), "6");
  if (!postgres()) {
    EXPECT_EQ(RawQuery("PRAGMA journal_mode"), "wal");
  }
}

TEST_P(LedgerTest, RefusesANewerSchema) {
  ledger_.reset();
  ASSERT_TRUE(
      backend_->RawExec("UPDATE meta SET value = '99' WHERE name = 'schema_version'").ok());
  auto ledger = backend_->Open();
  ASSERT_FALSE(ledger.ok());
  EXPECT_EQ(ledger.status().code(), StatusCode::kFailed);
  EXPECT_EQ(ledger.status().message(),
            fmt::format("ledger {} has schema version 99, this cutover knows up to {}: upgrade "
                        "cutover",
                        backend_->Described(), SqliteLedgerSchemaVersion()));
}

TEST_P(LedgerTest, RefusesADatabaseThatIsNotALedger) {
  if (!postgres()) {
    std::filesystem::path text = backend_->dir().path() / "notes.txt";
    ASSERT_TRUE(WriteFileAtomic(text, std::string(8192, 'x')).ok());
    auto ledger = OpenSqliteLedger(text);
    ASSERT_FALSE(ledger.ok());
    EXPECT_EQ(ledger.status().code(), StatusCode::kCorruption) << ledger.status().ToString();
  }
  TestLedgerBackend other(GetParam());  // a database with someone else's tables
  ASSERT_TRUE(other.RawExec("CREATE TABLE inventory (item TEXT)").ok());
  auto ledger = other.Open();
  ASSERT_FALSE(ledger.ok());
  EXPECT_EQ(ledger.status().code(), StatusCode::kCorruption) << ledger.status().ToString();
}

// Two ledger objects (two connections) on one file, each used by several threads at once,
// opened concurrently on a file that does not exist yet.
TEST_P(LedgerTest, ConcurrentWritersLoseNothing) {
  ledger_.reset();
  backend_ = std::make_unique<TestLedgerBackend>(GetParam());  // a fresh, empty database
  ASSERT_TRUE(backend_->available());
  std::unique_ptr<Ledger> ledgers[2];
  {
    std::thread opener([&] { ledgers[1] = Open(); });
    ledgers[0] = Open();
    opener.join();
  }
  ASSERT_TRUE(ledgers[0] && ledgers[1]);
  int64_t run = NewRun(*ledgers[0]);

  constexpr size_t kThreads = 8;
  constexpr size_t kPerThread = 40;
  std::atomic<int> errors{0};
  std::vector<std::vector<int64_t>> task_ids(kThreads);
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      Ledger& ledger = *ledgers[t % 2];
      const std::string step = "step" + std::to_string(t % 3);
      auto check = [&](const Status& st) {
        if (!st.ok()) {
          ++errors;
          ADD_FAILURE() << st.ToString();
        }
      };
      for (size_t i = 0; i < kPerThread; ++i) {
        TaskRecord task;
        task.run_id = run;
        task.step = step;
        task.sample = fmt::format("t{}-{}", t, i);
        auto task_id = ledger.BeginTask(task);
        check(task_id.status());
        if (!task_id.ok()) continue;
        task_ids[t].push_back(*task_id);
        ExecutionRecord e;
        e.task_id = *task_id;
        e.step = step;
        e.side = Side::kNew;
        auto exec_id = ledger.BeginExecution(e);
        check(exec_id.status());
        if (!exec_id.ok()) continue;
        e.id = *exec_id;
        e.status = ExecStatus::kSucceeded;
        e.outputs = {{"out", "p", 1, "d"}};
        check(ledger.FinishExecution(e));
        ComparisonRecord c;
        c.task_id = *task_id;
        c.step = step;
        c.outcome = Outcome::kMatch;
        check(ledger.RecordComparison(c).status());
        check(ledger.ChangeRoute(Change("shared", i % 2 ? kNew : kShadow)).status());
      }
    });
  }
  for (std::thread& th : threads) th.join();
  ASSERT_EQ(errors.load(), 0);

  std::set<int64_t> unique;
  for (const auto& ids : task_ids) unique.insert(ids.begin(), ids.end());
  EXPECT_EQ(unique.size(), kThreads * kPerThread);

  auto summaries = ledgers[1]->Summaries();
  ASSERT_TRUE(summaries.ok()) << summaries.status().ToString();
  int64_t tasks = 0, executions = 0, matches = 0;
  for (const StepSummary& s : *summaries) {
    tasks += s.tasks;
    executions += s.executions_new;
    matches += s.comparisons_match;
  }
  EXPECT_EQ(tasks, static_cast<int64_t>(kThreads * kPerThread));
  EXPECT_EQ(executions, static_cast<int64_t>(kThreads * kPerThread));
  EXPECT_EQ(matches, static_cast<int64_t>(kThreads * kPerThread));
  EXPECT_EQ(RawQuery("SELECT count(*) FROM execution_outputs"),
            std::to_string(kThreads * kPerThread));

  // Each change's `from` is exactly the previous change's `to`: read and write were atomic.
  auto history = ledgers[0]->History("shared");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), kThreads * kPerThread);
  Route previous = kLegacy;
  for (const RouteChange& c : *history) {
    EXPECT_EQ(c.from, previous) << Dump(c);
    previous = c.to;
  }
}

// --- crash safety: a writer killed with SIGKILL at a random point ---

constexpr int kOutputsPerExecution = 8;

ExecutionRecord CrashTestExecution(int64_t task_id, int64_t i) {
  ExecutionRecord e;
  e.task_id = task_id;
  e.step = "qc";
  e.sample = "s" + std::to_string(i);
  e.side = Side::kNew;
  e.argv = {"cutover", "qc", "--sample", e.sample};
  e.status = ExecStatus::kSucceeded;
  e.exit_code = 0;
  e.stderr_tail = std::string(1000 + i % 3000, 'e');  // rows that span several pages
  for (int k = 0; k < kOutputsPerExecution; ++k) {
    e.outputs.push_back({fmt::format("out{}", k), fmt::format("results/{}/{}", e.sample, k),
                         i * 100 + k, fmt::format("xxh3:{:016x}", i * 31 + k)});
  }
  e.started_ms = 1000 + i;
  return e;
}

// Runs in the forked child: writes executions forever, reporting each committed id on `fd`.
[[noreturn]] void CrashTestWriter(const TestLedgerBackend& backend, int64_t task_id,
                                  int64_t first, int fd) {
  auto ledger = backend.Open();
  if (!ledger.ok()) _exit(2);
  for (int64_t i = first;; ++i) {
    auto id = (*ledger)->BeginExecution(CrashTestExecution(task_id, i));
    if (!id.ok()) _exit(3);
    int64_t report[2] = {i, *id};
    if (write(fd, report, sizeof(report)) != static_cast<ssize_t>(sizeof(report))) _exit(4);
  }
}

TEST_P(LedgerTest, KillNineNeverCorruptsOrLosesACommit) {
  int64_t task_id = NewTask(NewRun(), "qc");
  ledger_.reset();  // the parent holds no connection while the child writes

  std::vector<std::pair<int64_t, int64_t>> committed;  // (i, execution id)
  constexpr int kRounds = 3;
  for (int round = 0; round < kRounds; ++round) {
    int fds[2];
    ASSERT_EQ(pipe(fds), 0);
    const int64_t first = static_cast<int64_t>(committed.size());
    pid_t pid = fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      close(fds[0]);
      CrashTestWriter(*backend_, task_id, first, fds[1]);
    }
    close(fds[1]);

    // Let it commit some, then kill it at an arbitrary point of its next write.
    const size_t kill_after = committed.size() + 50 + static_cast<size_t>(round) * 37;
    bool killed = false;
    int64_t report[2];
    size_t got = 0;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (true) {
      ssize_t n = read(fds[0], reinterpret_cast<char*>(report) + got, sizeof(report) - got);
      if (n <= 0) break;  // EOF: the child is gone and everything it reported is read
      got += static_cast<size_t>(n);
      if (got < sizeof(report)) continue;
      got = 0;
      committed.emplace_back(report[0], report[1]);
      if (!killed &&
          (committed.size() >= kill_after || std::chrono::steady_clock::now() > deadline)) {
        usleep(static_cast<useconds_t>(round * 700));  // land somewhere inside a transaction
        kill(pid, SIGKILL);
        killed = true;
      }
    }
    close(fds[0]);
    int wstatus = 0;
    ASSERT_EQ(waitpid(pid, &wstatus, 0), pid);
    ASSERT_TRUE(killed);
    ASSERT_TRUE(WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL)
        << "the writer died by itself: status " << wstatus;

    if (!postgres()) {
      EXPECT_EQ(RawQuery("PRAGMA integrity_check"), "ok");
      EXPECT_EQ(RawQuery("SELECT count(*) FROM pragma_foreign_key_check"), "0");
    }
    // No half-written execution: every one has all its outputs.
    EXPECT_EQ(RawQuery(fmt::format("SELECT count(*) FROM executions e WHERE (SELECT count(*) "
                                   "FROM execution_outputs o WHERE o.execution_id = e.id) != {}",
                                   kOutputsPerExecution)),
              "0");
  }

  ledger_ = Open();
  ASSERT_TRUE(ledger_);
  for (const auto& [i, id] : committed) {
    auto e = ledger_->GetExecution(id);
    ASSERT_TRUE(e.ok()) << "committed execution " << id << " lost: " << e.status().ToString();
    ExecutionRecord expected = CrashTestExecution(task_id, i);
    expected.id = id;
    ASSERT_EQ(Dump(*e), Dump(expected));
  }
  // At most one uncommitted write per round may be missing; nothing extra appears.
  auto all = ledger_->ExecutionsOfTask(task_id);
  ASSERT_TRUE(all.ok());
  EXPECT_GE(all->size(), committed.size());
  EXPECT_LE(all->size(), committed.size() + kRounds);
  // And the recovered file takes new writes.
  EXPECT_GT(AddExecution(task_id, "qc", Side::kNew, Role::kServing, ExecStatus::kFailed), 0);
}

// Many cutover processes started at once on a ledger that does not exist yet (a workflow engine
// launching its first jobs): every one opens it. Turning on WAL needs the exclusive lock, and
// SQLite answers a second upgrader "busy" at once, without waiting, to avoid deadlock; a CI run
// of Snakemake's first two jobs hit exactly that.
TEST(SqliteLedgerOpenTest, ProcessesOpeningAFreshLedgerAtOnceAllSucceed) {
  TestTempDir dir;
  constexpr int kRounds = 12;
  constexpr int kProcesses = 6;
  for (int round = 0; round < kRounds; ++round) {
    const std::filesystem::path path = dir.path() / fmt::format("round{}.db", round);
    int gate[2];
    ASSERT_EQ(pipe(gate), 0);
    std::vector<pid_t> children;
    for (int p = 0; p < kProcesses; ++p) {
      pid_t pid = fork();
      ASSERT_GE(pid, 0);
      if (pid == 0) {
        close(gate[1]);
        char c;
        (void)!read(gate[0], &c, 1);  // every child starts when the parent closes the gate
        auto ledger = OpenSqliteLedger(path);
        if (!ledger.ok()) {
          fmt::print(stderr, "child {}: {}\n", p, ledger.status().ToString());
          _exit(1);
        }
        _exit(0);
      }
      children.push_back(pid);
    }
    close(gate[0]);
    close(gate[1]);
    int failed = 0;
    for (pid_t pid : children) {
      int status = 0;
      ASSERT_EQ(waitpid(pid, &status, 0), pid);
      if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) ++failed;
    }
    ASSERT_EQ(failed, 0) << "round " << round;
    auto ledger = OpenSqliteLedger(path);
    ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
  }
}

}  // namespace
}  // namespace cutover
