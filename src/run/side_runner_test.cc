// The side runner against a fake process runner and a real SQLite ledger.
#include "run/side_runner.h"

#include <gtest/gtest.h>

#include "ledger/sqlite_ledger.h"
#include "pipeline/loader.h"
#include "testing/fake_clock.h"
#include "testing/fake_process_runner.h"
#include "testing/temp_dir.h"
#include "util/clock.h"
#include "util/file.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

class SideRunnerTest : public ::testing::Test {
 protected:
  void Load(const std::string& yaml) {
    auto p = ParsePipeline(yaml, "cutover.yaml", dir_.path());
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    pipeline_ = std::move(p).value();
    auto l = OpenSqliteLedger(dir_.path() / ".cutover" / "ledger.db");
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    ledger_ = std::move(l).value();
    ctx_.pipeline = &pipeline_;
    ctx_.ledger = ledger_.get();
    ctx_.runner = &runner_;
    ctx_.clock = &clock_;
    ctx_.cancel = &cancel_;
    ctx_.progress = progress_.get();
    ctx_.state_dir = dir_.path() / ".cutover";
    ctx_.self_exe = "/opt/cutover";
    step_ = pipeline_.FindStep("st");
    auto paths = ResolveStepPaths(pipeline_, *step_, pipeline_.FindSample("a"));
    ASSERT_TRUE(paths.ok()) << paths.status().ToString();
    paths_ = std::move(paths).value();
  }
  SideJob Job(Side side, Role role, int64_t task_id = 7) {
    SideJob job;
    job.step = step_;
    job.sample = pipeline_.FindSample("a");
    job.paths = &paths_;
    job.side = side;
    job.role = role;
    job.layout = MakeSideLayout(ctx_.ScratchDir() / "st", task_id, side, paths_);
    return job;
  }

  TestTempDir dir_;
  Pipeline pipeline_;
  const Step* step_ = nullptr;
  StepPaths paths_;
  std::unique_ptr<Ledger> ledger_;
  testing::FakeProcessRunner runner_;
  FakeClock clock_{1'700'000'000'000};
  CancelToken cancel_;
  std::unique_ptr<ProgressSink> progress_ = MakeSilentProgress();
  RunContext ctx_;
};

constexpr char kPipeline[] = R"(
samples: {list: [a]}
steps:
  st:
    outputs: {o: "out/{sample}.txt", p: "out/{sample}.log"}
    timeout: 10m
    shadow_timeout: 20m
    legacy: {command: "write {output.o} legacy-{sample}"}
    new: {cutover: "qc {output.o}", timeout: 5m}
)";

TEST_F(SideRunnerTest, UnrecordedSideWritesIntoItsScratchAndIsDigested) {
  Load(R"(
samples: {list: [a]}
steps:
  st:
    outputs: {o: "out/{sample}.txt"}
    legacy: {command: "write {output.o} legacy-{sample}"}
)");
  SideRunner runner(ctx_);
  SideOutcome out = runner.RunUnrecorded(Job(Side::kLegacy, Role::kServing));
  ASSERT_TRUE(out.succeeded()) << DescribeFailure(out.record);
  ASSERT_EQ(out.record.outputs.size(), 1u);
  EXPECT_EQ(out.record.outputs[0].name, "o");
  EXPECT_EQ(out.record.outputs[0].path, "out/a.txt");
  EXPECT_EQ(out.record.outputs[0].size, 8);  // "legacy-a"
  EXPECT_EQ(*ReadFile(out.layout.outputs.at("o")), "legacy-a");
  EXPECT_EQ(out.layout.outputs.at("o"), ctx_.ScratchDir() / "st" / "7" / "legacy" / "out/a.txt");
  EXPECT_EQ(out.record.id, 0);  // not recorded
  ASSERT_EQ(runner_.calls().size(), 1u);
  EXPECT_EQ(runner_.calls()[0].cwd, out.layout.work_dir);
  EXPECT_EQ(runner_.calls()[0].env.at("CUTOVER_SIDE"), "legacy");
}

TEST_F(SideRunnerTest, MissingOutputFailsNamingIt) {
  Load(kPipeline);  // legacy writes o but not p
  SideRunner runner(ctx_);
  SideOutcome out = runner.RunUnrecorded(Job(Side::kLegacy, Role::kServing));
  EXPECT_FALSE(out.succeeded());
  EXPECT_EQ(out.record.status, ExecStatus::kMissingOutput);
  EXPECT_EQ(out.record.error, "exited 0 but did not write: p (out/a.log)");
}

TEST_F(SideRunnerTest, TimeoutRule) {
  Load(kPipeline);
  const Step& st = *step_;
  EXPECT_EQ(SideTimeoutMs(st, st.legacy, Role::kServing), 10 * 60 * 1000);
  EXPECT_EQ(SideTimeoutMs(st, st.legacy, Role::kFallback), 10 * 60 * 1000);
  EXPECT_EQ(SideTimeoutMs(st, st.legacy, Role::kShadow), 20 * 60 * 1000);
  EXPECT_EQ(SideTimeoutMs(st, *st.new_impl, Role::kShadow), 5 * 60 * 1000);
  EXPECT_EQ(SideTimeoutMs(st, *st.new_impl, Role::kServing), 5 * 60 * 1000);
  // The rule reaches the process.
  SideRunner runner(ctx_);
  runner.RunUnrecorded(Job(Side::kLegacy, Role::kShadow));
  ASSERT_EQ(runner_.calls().size(), 1u);
  EXPECT_EQ(runner_.calls()[0].timeout_ms, 20 * 60 * 1000);
}

TEST_F(SideRunnerTest, RecordedSideIsInTheLedgerBeforeAndAfter) {
  Load(R"(
samples: {list: [a]}
steps:
  st:
    outputs: {o: "out/{sample}.txt"}
    legacy: {command: "write {output.o} x"}
    new: {command: "fail 3"}
)");
  TaskRecord task;
  task.step = "st";
  task.sample = "a";
  auto task_id = ledger_->BeginTask(task);
  ASSERT_TRUE(task_id.ok());
  SideRunner runner(ctx_);
  SideOutcome out = runner.RunRecorded(Job(Side::kNew, Role::kShadow, *task_id), *task_id,
                                       TaskPurpose::kRun);
  EXPECT_FALSE(out.succeeded());
  ASSERT_GT(out.record.id, 0);
  auto stored = ledger_->GetExecution(out.record.id);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->status, ExecStatus::kFailed);
  EXPECT_EQ(stored->exit_code, 3);
  EXPECT_EQ(stored->side, Side::kNew);
  EXPECT_EQ(stored->role, Role::kShadow);
  EXPECT_EQ(stored->argv, (std::vector<std::string>{"fail", "3"}));
  EXPECT_EQ(DescribeFailure(*stored), "exit 3 — boom");
}

TEST_F(SideRunnerTest, UnpreparableSideIsASpawnFailure) {
  Load(R"(
samples: {list: [a]}
steps:
  st:
    outputs: {o: "out/{sample}.txt"}
    legacy: {notebook: "missing.ipynb"}
)");
  SideRunner runner(ctx_);
  SideOutcome out = runner.RunUnrecorded(Job(Side::kLegacy, Role::kServing));
  EXPECT_EQ(out.record.status, ExecStatus::kSpawnFailed);
  EXPECT_NE(out.record.error.find("missing.ipynb"), std::string::npos) << out.record.error;
  EXPECT_TRUE(runner_.calls().empty());
}

TEST(DescribeFailureTest, EachEnd) {
  ExecutionRecord r;
  r.status = ExecStatus::kFailed;
  r.exit_code = 2;
  EXPECT_EQ(DescribeFailure(r), "exit 2");
  r.stderr_tail = "line one\nthe last line\n";
  EXPECT_EQ(DescribeFailure(r), "exit 2 — the last line");
  r.stderr_tail.clear();
  r.exit_code = 0;
  r.error = "notebook cell 3 (In [3]): ValueError: x";
  EXPECT_EQ(DescribeFailure(r), "failed: notebook cell 3 (In [3]): ValueError: x");
  r.error.clear();
  r.status = ExecStatus::kSignaled;
  r.signal = 9;
  EXPECT_EQ(DescribeFailure(r), "killed by signal 9");
  r.status = ExecStatus::kTimedOut;
  r.wall_ms = 30000;
  EXPECT_EQ(DescribeFailure(r).rfind("timed out after ", 0), 0u);
  r.status = ExecStatus::kMissingOutput;
  r.error = "exited 0 but did not write: o (x)";
  EXPECT_EQ(DescribeFailure(r), "missing_output: exited 0 but did not write: o (x)");
}

// A side whose record could not be written (a full disk) is never described as the side's own
// failure, nor as recorded.
TEST(DescribeOutcomeTest, TheLedgerIsBlamedNotTheSide) {
  SideOutcome out;
  out.record.status = ExecStatus::kFailed;
  out.record.exit_code = 3;
  EXPECT_EQ(DescribeOutcome(out), "exit 3");
  const Status full = Status::IoError("ledger.db: database or disk is full");
  out.recorded = full;
  EXPECT_EQ(DescribeOutcome(out),
            "not started: its execution could not be recorded in the ledger (" +
                full.ToString() + ")");
  out.record.id = 7;
  EXPECT_EQ(DescribeOutcome(out), "exit 3; its record could not be written to the ledger "
                                  "either (" + full.ToString() + ")");
  out.record.status = ExecStatus::kSucceeded;
  EXPECT_FALSE(out.succeeded());
  EXPECT_EQ(DescribeOutcome(out), "succeeded, but its record could not be written to the "
                                  "ledger (" + full.ToString() + "); its outputs are not used");
}

}  // namespace
}  // namespace cutover
