// The task executor against a fake process runner (a tiny argv interpreter) and a real SQLite
// ledger in a temporary folder.
#include "run/task_executor.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <fstream>
#include <thread>

#include "ledger/sqlite_ledger.h"
#include "pipeline/loader.h"
#include "testing/fake_clock.h"
#include "testing/fake_process_runner.h"
#include "util/file.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

using FakeRunner = testing::FakeProcessRunner;

class TaskExecutorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() /
            ("cutover_exec_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  void Load(const std::string& yaml) {
    auto p = ParsePipeline(yaml, "cutover.yaml", root_);
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    pipeline_ = std::move(p).value();
    auto l = OpenSqliteLedger(root_ / ".cutover" / "ledger.db");
    ASSERT_TRUE(l.ok()) << l.status().ToString();
    ledger_ = std::move(l).value();
    ctx_.pipeline = &pipeline_;
    auto rules = BuildPipelineRules(pipeline_);
    ASSERT_TRUE(rules.ok()) << rules.status().ToString();
    rules_ = std::move(rules).value();
    ctx_.rules = &rules_;
    ctx_.ledger = ledger_.get();
    locks_ = MakeFileTaskLocks(root_ / ".cutover" / "locks");
    ctx_.task_locks = locks_.get();
    ctx_.runner = other_runner_ != nullptr ? other_runner_ : &runner_;
    ctx_.clock = &clock_;
    ctx_.cancel = &cancel_;
    ctx_.progress = progress_.get();
    ctx_.state_dir = root_ / ".cutover";
    ctx_.self_exe = "/bin/cutover";
    ctx_.user = "tester";
    ctx_.host = "testhost";
    RunRecord run;
    run.command = "test";
    run.started_ms = clock_.NowMs();
    auto run_id = ledger_->BeginRun(run);
    ASSERT_TRUE(run_id.ok()) << run_id.status().ToString();
    auto ex = TaskExecutor::Create(ctx_, *run_id);
    ASSERT_TRUE(ex.ok()) << ex.status().ToString();
    executor_ = std::move(ex).value();
  }
  void Route(RouteMode mode, int percent = 0) {
    RouteChange c;
    c.step = "st";
    c.to = {mode, percent};
    c.user = "tester";
    c.reason = "test";
    ASSERT_TRUE(ledger_->ChangeRoute(c).ok());
  }
  TaskResult Exec(const std::string& sample, bool force = true) {
    TaskResult r = executor_->Execute(
        {pipeline_.FindStep("st"), pipeline_.FindSample(sample), force, true});
    executor_->WaitForShadows();
    return r;
  }
  std::string Published(const std::string& sample) {
    auto text = ReadFile(root_ / "out" / (sample + ".txt"));
    return text.ok() ? *text : "<missing>";
  }
  StepSummary Summary() {
    auto all = ledger_->Summaries();
    EXPECT_TRUE(all.ok());
    for (const auto& s : *all) if (s.step == "st") return s;
    return {};
  }

  fs::path root_;
  Pipeline pipeline_;
  PipelineRules rules_;
  std::unique_ptr<Ledger> ledger_;
  std::unique_ptr<TaskLocks> locks_;
  FakeRunner runner_;
  ProcessRunner* other_runner_ = nullptr;  // instead of runner_, when set before Load
  FakeClock clock_{1'700'000'000'000};
  CancelToken cancel_;
  std::unique_ptr<ProgressSink> progress_ = MakeSilentProgress();
  RunContext ctx_;
  std::unique_ptr<TaskExecutor> executor_;
};

constexpr char kMatching[] = R"(
samples: {list: [a, b]}
steps:
  st:
    outputs: {o: "out/{sample}.txt"}
    legacy: {command: "write {output.o} hello-{sample}"}
    new: {command: "write {output.o} hello-{sample}"}
)";

TEST_F(TaskExecutorTest, LegacyServesAndPublishes) {
  Load(kMatching);
  TaskResult r = Exec("a");
  ASSERT_EQ(r.kind, TaskResultKind::kPublished) << r.message;
  EXPECT_EQ(*r.served_by, Side::kLegacy);
  EXPECT_EQ(Published("a"), "hello-a");
  ASSERT_EQ(runner_.calls().size(), 1u);
  // The side wrote into its scratch folder, not into the real output path.
  const ProcessSpec call = runner_.calls()[0];
  EXPECT_NE(call.argv[1].find("/.cutover/scratch/st/"), std::string::npos) << call.argv[1];
  EXPECT_EQ(call.env.at("CUTOVER_SIDE"), "legacy");
  EXPECT_EQ(call.env.at("CUTOVER_SAMPLE"), "a");
}

TEST_F(TaskExecutorTest, UnchangedTaskIsSkippedUnlessForced) {
  Load(kMatching);
  ASSERT_EQ(Exec("a", false).kind, TaskResultKind::kPublished);
  EXPECT_EQ(Exec("a", false).kind, TaskResultKind::kSkipped);
  EXPECT_EQ(Exec("a", true).kind, TaskResultKind::kPublished);
  // A route change that changes what runs invalidates the fingerprint.
  Route(RouteMode::kShadow);
  EXPECT_EQ(Exec("a", false).kind, TaskResultKind::kPublished);
}

// An up-to-date task is skipped without taking its lock (a re-run of a finished cohort costs
// no lock per task): it is found up to date even while another process holds the lock. A task
// that has work to do still needs the lock (busy with --no-wait).
TEST_F(TaskExecutorTest, AnUpToDateTaskIsSkippedWithoutItsLock) {
  Load(kMatching);
  ASSERT_EQ(Exec("a", false).kind, TaskResultKind::kPublished);
  std::string holder;
  auto held_a = locks_->TryAcquire("st", "a", "another process", &holder);
  ASSERT_TRUE(held_a.ok() && *held_a);
  auto held_b = locks_->TryAcquire("st", "b", "another process", &holder);
  ASSERT_TRUE(held_b.ok() && *held_b);
  const size_t calls = runner_.calls().size();
  TaskResult skipped =
      executor_->Execute({pipeline_.FindStep("st"), pipeline_.FindSample("a"), false, false});
  EXPECT_EQ(skipped.kind, TaskResultKind::kSkipped) << skipped.message;
  TaskResult busy =
      executor_->Execute({pipeline_.FindStep("st"), pipeline_.FindSample("b"), false, false});
  EXPECT_EQ(busy.kind, TaskResultKind::kBusy) << busy.message;
  // A published output changed behind cutover's back is not up to date: the lock is needed.
  std::ofstream(root_ / "out" / "a.txt") << "edited";
  fs::last_write_time(root_ / "out" / "a.txt",
                      fs::last_write_time(root_ / "out" / "a.txt") + std::chrono::seconds(5));
  TaskResult edited =
      executor_->Execute({pipeline_.FindStep("st"), pipeline_.FindSample("a"), false, false});
  EXPECT_EQ(edited.kind, TaskResultKind::kBusy) << edited.message;
  EXPECT_EQ(runner_.calls().size(), calls);
  held_a->reset();
  EXPECT_EQ(Exec("a", false).kind, TaskResultKind::kPublished);
  EXPECT_EQ(Published("a"), "hello-a");
}

TEST_F(TaskExecutorTest, ShadowComparesAndPublishesLegacy) {
  Load(R"(
samples: {list: [a]}
steps:
  st:
    outputs: {o: "out/{sample}.txt"}
    legacy: {command: "write {output.o} legacy"}
    new: {command: "write {output.o} new"}
)");
  Route(RouteMode::kShadow);
  TaskResult r = Exec("a");
  ASSERT_EQ(r.kind, TaskResultKind::kPublished);
  EXPECT_EQ(Published("a"), "legacy");
  EXPECT_EQ(runner_.calls().size(), 2u);
  StepSummary s = Summary();
  EXPECT_EQ(s.comparisons_mismatch, 1);
  EXPECT_EQ(s.executions_new, 1);
  auto comparisons = ledger_->ComparisonsOfTask(r.task_id);
  ASSERT_TRUE(comparisons.ok());
  ASSERT_EQ(comparisons->size(), 1u);
  EXPECT_EQ((*comparisons)[0].outcome, Outcome::kMismatch);
}

TEST_F(TaskExecutorTest, NewFailureFallsBackThenRollsBack) {
  Load(R"(
samples: {list: [a, b, c, d]}
steps:
  st:
    outputs: {o: "out/{sample}.txt"}
    max_consecutive_failures: 2
    legacy: {command: "write {output.o} legacy"}
    new: {command: "fail 7"}
)");
  Route(RouteMode::kNew);
  TaskResult r = Exec("a");
  ASSERT_EQ(r.kind, TaskResultKind::kPublished) << r.message;
  EXPECT_TRUE(r.fallback);
  EXPECT_EQ(*r.served_by, Side::kLegacy);
  EXPECT_EQ(Published("a"), "legacy");
  EXPECT_EQ(ledger_->GetRoute("st")->mode, RouteMode::kNew);  // one failure: not yet
  Exec("b");
  EXPECT_EQ(ledger_->GetRoute("st")->mode, RouteMode::kLegacy);  // two: rolled back
  auto history = ledger_->History("st");
  ASSERT_TRUE(history.ok());
  EXPECT_TRUE(history->back().automatic);
  EXPECT_NE(history->back().reason.find("exit 7"), std::string::npos) << history->back().reason;
  size_t calls = runner_.calls().size();
  Exec("c");  // on legacy now: only one process
  EXPECT_EQ(runner_.calls().size(), calls + 1);
}

TEST_F(TaskExecutorTest, MissingOutputIsAFailureAndNothingIsPublished) {
  Load(R"(
samples: {list: [a]}
steps:
  st:
    outputs: {o: "out/{sample}.txt"}
    legacy: {command: "nothing"}
)");
  TaskResult r = Exec("a");
  EXPECT_EQ(r.kind, TaskResultKind::kFailed);
  EXPECT_NE(r.message.find("out/a.txt"), std::string::npos) << r.message;
  EXPECT_EQ(Published("a"), "<missing>");
  EXPECT_EQ(Summary().tasks_failed, 1);
}

TEST_F(TaskExecutorTest, ShadowTimeoutIsRecordedNotFatal) {
  Load(R"(
samples: {list: [a]}
steps:
  st:
    outputs: {o: "out/{sample}.txt"}
    legacy: {command: "write {output.o} legacy"}
    new: {command: "hang"}
)");
  Route(RouteMode::kShadow);
  TaskResult r = Exec("a");
  EXPECT_EQ(r.kind, TaskResultKind::kPublished);
  StepSummary s = Summary();
  ASSERT_TRUE(s.last_failure.has_value());
  EXPECT_EQ(s.last_failure->status, ExecStatus::kTimedOut);
  EXPECT_EQ(s.comparisons_match + s.comparisons_mismatch, 0);
}

TEST_F(TaskExecutorTest, CanaryServesMembersFromNew) {
  Load(kMatching);
  Route(RouteMode::kCanary, 100);
  TaskResult r = Exec("a");
  ASSERT_EQ(r.kind, TaskResultKind::kPublished);
  EXPECT_EQ(*r.served_by, Side::kNew);
  EXPECT_EQ(Summary().comparisons_match, 1);
}

// "write PATH TEXT" as the fake runner does; "held PATH TEXT" the same once released, counting
// how many are held at once.
class HeldRunner : public ProcessRunner {
 public:
  ProcessResult Run(const ProcessSpec& spec, const CancelToken& cancel) override {
    if (spec.argv.at(0) == "held") {
      std::unique_lock<std::mutex> lock(mu_);
      ++held_;
      most_held_ = std::max(most_held_, held_);
      cv_.wait(lock, [&] { return released_; });
      --held_;
    }
    ProcessSpec write = spec;
    write.argv[0] = "write";
    return inner_.Run(write, cancel);
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mu_);
    released_ = true;
    cv_.notify_all();
  }
  int held() {
    std::lock_guard<std::mutex> lock(mu_);
    return held_;
  }
  int most_held() {
    std::lock_guard<std::mutex> lock(mu_);
    return most_held_;
  }

 private:
  testing::FakeProcessRunner inner_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool released_ = false;
  int held_ = 0;
  int most_held_ = 0;
};

TEST_F(TaskExecutorTest, LimitShadowsMakesTheNextTaskWaitForARunningShadow) {
  HeldRunner held;
  other_runner_ = &held;
  Load(R"(
samples: {list: [a, b]}
steps:
  st:
    outputs: {o: "out/{sample}.txt"}
    legacy: {command: "write {output.o} same"}
    new: {command: "held {output.o} same"}
)");
  Route(RouteMode::kShadow);
  executor_->LimitShadows(1);
  auto execute = [&](const std::string& sample) {
    return executor_->Execute({pipeline_.FindStep("st"), pipeline_.FindSample(sample), true, true});
  };
  // a's legacy side publishes; its new shadow is held.
  ASSERT_EQ(execute("a").kind, TaskResultKind::kPublished);
  EXPECT_EQ(Published("a"), "same");
  std::atomic<bool> b_done{false};
  std::thread b([&] {
    EXPECT_EQ(execute("b").kind, TaskResultKind::kPublished);
    b_done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(b_done) << "b started while a's shadow still ran";
  EXPECT_EQ(Published("b"), "<missing>");
  held.Release();
  b.join();
  executor_->WaitForShadows();
  EXPECT_EQ(Published("b"), "same");
  EXPECT_EQ(held.most_held(), 1);
  EXPECT_EQ(Summary().comparisons_match, 2);
}

// Lines of this process's memory map: each thread ended but never joined keeps its stack.
size_t MappedRegions() {
  std::ifstream maps("/proc/self/maps");
  size_t n = 0;
  for (std::string line; std::getline(maps, line);) ++n;
  return n;
}

TEST_F(TaskExecutorTest, EndedShadowThreadsAreJoinedAsTheRunGoes) {
  std::string samples;
  for (int i = 0; i < 60; ++i) samples += (i ? ", s" : "s") + std::to_string(i);
  Load(fmt::format(R"(
samples: {{list: [{}]}}
steps:
  st:
    outputs: {{o: "out/{{sample}}.txt"}}
    legacy: {{command: "write {{output.o}} same"}}
    new: {{command: "write {{output.o}} same"}}
)", samples));
  Route(RouteMode::kShadow);
  // Warm up (the ledger's and the allocator's own mappings), then 50 tasks without waiting for
  // their shadows in between.
  for (int i = 0; i < 10; ++i) {
    executor_->Execute({pipeline_.FindStep("st"), &pipeline_.samples[i], true, true});
  }
  executor_->WaitForShadows();
  const size_t before = MappedRegions();
  for (int i = 10; i < 60; ++i) {
    ASSERT_EQ(executor_->Execute({pipeline_.FindStep("st"), &pipeline_.samples[i], true, true}).kind,
              TaskResultKind::kPublished);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));  // its shadow ends meanwhile
  }
  const size_t after = MappedRegions();
  executor_->WaitForShadows();
  EXPECT_LT(after, before + 20) << "the stacks of ended shadow threads are kept";
  EXPECT_EQ(Summary().comparisons_match, 60);
}

}  // namespace
}  // namespace cutover
