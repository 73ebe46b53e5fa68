// The run session against a real SQLite ledger and real lock files.
#include "run/run_session.h"

#include <gtest/gtest.h>

#include "ledger/sqlite_ledger.h"
#include "pipeline/loader.h"
#include "testing/fake_clock.h"
#include "testing/fake_process_runner.h"
#include "testing/temp_dir.h"
#include "util/clock.h"

namespace cutover {
namespace {

class RunSessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto p = ParsePipeline(R"(
samples: {list: [a]}
steps:
  st:
    outputs: {o: "out/{sample}.txt"}
    legacy: {command: "write {output.o} x"}
)",
                           "cutover.yaml", dir_.path());
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    pipeline_ = std::move(p).value();
    auto rules = BuildPipelineRules(pipeline_);
    ASSERT_TRUE(rules.ok());
    rules_ = std::move(rules).value();
    auto l = OpenSqliteLedger(dir_.path() / ".cutover" / "ledger.db");
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    ledger_ = std::move(l).value();
    locks_ = MakeFileTaskLocks(dir_.path() / ".cutover" / "locks");
    ctx_.pipeline = &pipeline_;
    ctx_.rules = &rules_;
    ctx_.ledger = ledger_.get();
    ctx_.task_locks = locks_.get();
    ctx_.runner = &runner_;
    ctx_.clock = &clock_;
    ctx_.cancel = &cancel_;
    ctx_.progress = progress_.get();
    ctx_.state_dir = dir_.path() / ".cutover";
    ctx_.user = "tester";
    ctx_.host = "testhost";
  }

  TestTempDir dir_;
  Pipeline pipeline_;
  PipelineRules rules_;
  std::unique_ptr<Ledger> ledger_;
  std::unique_ptr<TaskLocks> locks_;
  testing::FakeProcessRunner runner_;
  FakeClock clock_{1'700'000'000'000};
  CancelToken cancel_;
  std::unique_ptr<ProgressSink> progress_ = MakeSilentProgress();
  RunContext ctx_;
};

TEST_F(RunSessionTest, RecordsTheRunAndItsEnd) {
  auto session = RunSession::Begin(ctx_, "cutover run -j 2");
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  const int64_t id = (*session)->run_id();
  auto running = ledger_->GetRun(id);
  ASSERT_TRUE(running.ok());
  EXPECT_EQ(running->command, "cutover run -j 2");
  EXPECT_EQ(running->status, RunStatus::kRunning);
  EXPECT_EQ(running->user, "tester");
  EXPECT_EQ(running->host, "testhost");
  TaskResult r = (*session)->executor().Execute(
      {pipeline_.FindStep("st"), pipeline_.FindSample("a"), false, true});
  EXPECT_EQ(r.kind, TaskResultKind::kPublished) << r.message;
  RunStatus ended = RunStatus::kRunning;
  ASSERT_TRUE((*session)->Finish(RunStatus::kSucceeded, &ended).ok());
  EXPECT_EQ(ended, RunStatus::kSucceeded);
  EXPECT_EQ(ledger_->GetRun(id)->status, RunStatus::kSucceeded);
}

TEST_F(RunSessionTest, CancelledRunEndsInterrupted) {
  auto session = RunSession::Begin(ctx_, "cutover run");
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  cancel_.Cancel();
  RunStatus ended = RunStatus::kRunning;
  ASSERT_TRUE((*session)->Finish(RunStatus::kSucceeded, &ended).ok());
  EXPECT_EQ(ended, RunStatus::kInterrupted);
  EXPECT_EQ(ledger_->GetRun((*session)->run_id())->status, RunStatus::kInterrupted);
}

TEST_F(RunSessionTest, AbandonedSessionEndsFailed) {
  int64_t id = 0;
  {
    auto session = RunSession::Begin(ctx_, "cutover step st --sample a");
    ASSERT_TRUE(session.ok()) << session.status().ToString();
    id = (*session)->run_id();
  }
  EXPECT_EQ(ledger_->GetRun(id)->status, RunStatus::kFailed);
}

TEST_F(RunSessionTest, RecoversARunWhoseProcessDied) {
  RunRecord dead;
  dead.command = "cutover run";
  dead.host = "testhost";
  dead.pid = 999999999;  // no such process holds its run lock
  dead.started_ms = clock_.NowMs() - 1000;
  auto dead_id = ledger_->BeginRun(dead);
  ASSERT_TRUE(dead_id.ok());
  RunRecord elsewhere = dead;
  elsewhere.host = "otherhost";  // cannot be checked from here: left alone
  auto elsewhere_id = ledger_->BeginRun(elsewhere);
  ASSERT_TRUE(elsewhere_id.ok());
  auto session = RunSession::Begin(ctx_, "cutover run");
  ASSERT_TRUE(session.ok()) << session.status().ToString();
  EXPECT_EQ(ledger_->GetRun(*dead_id)->status, RunStatus::kInterrupted);
  EXPECT_EQ(ledger_->GetRun(*elsewhere_id)->status, RunStatus::kRunning);
  ASSERT_TRUE((*session)->Finish(RunStatus::kSucceeded).ok());
}

}  // namespace
}  // namespace cutover
