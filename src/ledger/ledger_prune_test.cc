#include "ledger/ledger_prune.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <string>

#include "ledger/test_backend.h"
#include "testing/temp_dir.h"

namespace cutover {
namespace {

namespace fs = std::filesystem;

class LedgerPruneTest : public ::testing::TestWithParam<SqlBackend> {
 protected:
  void SetUp() override {
    backend_ = std::make_unique<TestLedgerBackend>(GetParam());
    if (!backend_->available()) GTEST_SKIP() << backend_->message();
    auto ledger = backend_->Open();
    ASSERT_TRUE(ledger.ok()) << ledger.status().ToString();
    ledger_ = std::move(ledger).value();
    RunRecord run;
    run.command = "cutover run";
    run_ = *ledger_->BeginRun(run);
  }

  // A finished execution of a task of its own, with one output, a scratch folder under the
  // temporary folder (made when `scratch_exists`) and a stderr tail.
  int64_t Execution(int64_t finished_ms, ExecStatus status, bool scratch_exists) {
    TaskRecord task;
    task.run_id = run_;
    task.step = "qc";
    task.sample = "s" + std::to_string(++n_);
    const int64_t task_id = *ledger_->BeginTask(task);
    ExecutionRecord e;
    e.task_id = task_id;
    e.step = "qc";
    e.sample = task.sample;
    e.side = Side::kLegacy;
    e.role = Role::kServing;
    e.argv = {"fastqc", "x.fq"};
    e.scratch_dir = (scratch_.path() / ("e" + std::to_string(n_))).string();
    if (scratch_exists) fs::create_directories(e.scratch_dir);
    e.started_ms = finished_ms - 10;
    const int64_t id = *ledger_->BeginExecution(e);
    e.id = id;
    e.status = status;
    e.stderr_tail = "warning: something";
    e.finished_ms = finished_ms;
    e.outputs = {{"report", "out/" + task.sample + ".html", 12, "xxh3-128:00"}};
    EXPECT_TRUE(ledger_->FinishExecution(e).ok());
    return id;
  }

  LedgerPruneResult Prune(int64_t before_ms, bool dry_run = false) {
    auto db = backend_->OpenDb();
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    LedgerPruneOptions options;
    options.before_ms = before_ms;
    options.dry_run = dry_run;
    auto result = PruneScratchDetail(**db, options);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    return result.ok() ? *result : LedgerPruneResult{};
  }

  std::unique_ptr<TestLedgerBackend> backend_;
  std::unique_ptr<Ledger> ledger_;
  TestTempDir scratch_;
  int64_t run_ = 0;
  int n_ = 0;
};

INSTANTIATE_TEST_SUITE_P(Backends, LedgerPruneTest,
                         ::testing::Values(SqlBackend::kSqlite, SqlBackend::kPostgres),
                         [](const auto& info) { return BackendName(info.param); });

TEST_P(LedgerPruneTest, OldExecutionsWhoseScratchIsGoneLoseOnlyThatDetail) {
  const int64_t old_ok = Execution(1000, ExecStatus::kSucceeded, false);
  const int64_t old_failed = Execution(1000, ExecStatus::kFailed, false);
  const int64_t old_kept = Execution(1000, ExecStatus::kSucceeded, true);
  const int64_t recent = Execution(5000, ExecStatus::kSucceeded, false);

  // A dry run counts and changes nothing.
  LedgerPruneResult counted = Prune(2000, /*dry_run=*/true);
  EXPECT_EQ(counted.executions, 2);
  EXPECT_EQ(counted.outputs, 2);
  EXPECT_EQ(counted.kept, 1);
  EXPECT_FALSE(ledger_->GetExecution(old_ok)->scratch_dir.empty());

  LedgerPruneResult pruned = Prune(2000);
  EXPECT_EQ(pruned.executions, 2);
  EXPECT_EQ(pruned.outputs, 2);
  EXPECT_EQ(pruned.kept, 1);

  const ExecutionRecord ok = *ledger_->GetExecution(old_ok);
  EXPECT_EQ(ok.scratch_dir, "");
  EXPECT_EQ(ok.stderr_tail, "");
  EXPECT_TRUE(ok.outputs.empty());
  // What evidence and audit read stays: status, side, command, times.
  EXPECT_EQ(ok.status, ExecStatus::kSucceeded);
  EXPECT_EQ(ok.argv, (std::vector<std::string>{"fastqc", "x.fq"}));
  EXPECT_EQ(ok.finished_ms, 1000);
  // A failure keeps its stderr (status shows the last failure).
  const ExecutionRecord failed = *ledger_->GetExecution(old_failed);
  EXPECT_EQ(failed.scratch_dir, "");
  EXPECT_EQ(failed.stderr_tail, "warning: something");
  EXPECT_TRUE(failed.outputs.empty());
  // A scratch folder still there, and a recent execution: whole.
  for (int64_t id : {old_kept, recent}) {
    const ExecutionRecord e = *ledger_->GetExecution(id);
    EXPECT_FALSE(e.scratch_dir.empty()) << id;
    EXPECT_EQ(e.stderr_tail, "warning: something") << id;
    EXPECT_EQ(e.outputs.size(), 1u) << id;
  }
  // Pruning again finds nothing more.
  EXPECT_EQ(Prune(2000).executions, 0);
}

// More executions than one batch: every one is visited once.
TEST_P(LedgerPruneTest, ManyExecutionsArePrunedInBatches) {
  if (backend_->postgres()) GTEST_SKIP() << "the batching is backend-independent; SQLite is enough";
  for (int i = 0; i < 5200; ++i) Execution(1000, ExecStatus::kSucceeded, false);
  LedgerPruneResult pruned = Prune(2000);
  EXPECT_EQ(pruned.executions, 5200);
  EXPECT_EQ(pruned.outputs, 5200);
  EXPECT_EQ(backend_->RawQuery("SELECT count(*) FROM execution_outputs"), "0");
  EXPECT_EQ(backend_->RawQuery("SELECT count(*) FROM executions WHERE scratch_dir != ''"), "0");
}

}  // namespace
}  // namespace cutover
