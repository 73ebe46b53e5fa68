// The scheduler against a fake task runner: order, blocking, parallelism, cancellation.
#include "run/scheduler.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <set>

#include "pipeline/loader.h"

namespace cutover {
namespace {

constexpr char kPipeline[] = R"(
samples: {list: [a, b]}
steps:
  st1:
    inputs: {x: "in/{sample}.txt"}
    outputs: {o: "mid/{sample}.txt"}
    legacy: {command: "true"}
  st2:
    inputs: {m: "mid/{sample}.txt"}
    outputs: {o: "out/{sample}.txt"}
    legacy: {command: "true"}
  report:
    scope: all
    inputs: {all: "out/{sample}.txt"}
    outputs: {r: "report.txt"}
    legacy: {command: "true"}
)";

// Publishes every task except those named in `fail` ("step/sample"); remembers the order.
class FakeTaskRunner : public TaskRunner {
 public:
  TaskResult Execute(const TaskRequest& request) override {
    const std::string name =
        request.step->name + "/" + (request.sample ? request.sample->name : "*");
    {
      std::unique_lock<std::mutex> lock(mu_);
      order_.push_back(name);
      ++in_flight_;
      max_in_flight_ = std::max(max_in_flight_, in_flight_);
      cv_.notify_all();
      if (rendezvous_) {  // wait (bounded) for a second task to be in flight at once
        cv_.wait_for(lock, std::chrono::seconds(5), [&] { return max_in_flight_ >= 2; });
      }
    }
    if (on_execute_) on_execute_(name);
    TaskResult r;
    r.kind = fail_.count(name) ? TaskResultKind::kFailed : TaskResultKind::kPublished;
    r.served_by = Side::kLegacy;
    r.message = "boom";
    std::lock_guard<std::mutex> lock(mu_);
    --in_flight_;
    return r;
  }
  void WaitForShadows() override { ++waited_; }

  std::set<std::string> fail_;
  bool rendezvous_ = false;
  std::function<void(const std::string&)> on_execute_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::string> order_;
  int in_flight_ = 0;
  int max_in_flight_ = 0;
  int waited_ = 0;
};

class SchedulerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto p = ParsePipeline(kPipeline, "/lab/cutover.yaml", "/lab");
    ASSERT_TRUE(p.ok()) << p.status().ToString();
    pipeline_ = std::move(p).value();
    auto dag = BuildDag(pipeline_, DagOptions{false});
    ASSERT_TRUE(dag.ok()) << dag.status().ToString();
    dag_ = std::move(dag).value();
    ctx_.pipeline = &pipeline_;
    ctx_.cancel = &cancel_;
    ctx_.progress = progress_.get();
  }
  size_t Position(const std::string& name) {
    auto it = std::find(runner_.order_.begin(), runner_.order_.end(), name);
    EXPECT_NE(it, runner_.order_.end()) << name << " never ran";
    return static_cast<size_t>(it - runner_.order_.begin());
  }

  Pipeline pipeline_;
  Dag dag_;
  CancelToken cancel_;
  std::unique_ptr<ProgressSink> progress_ = MakeSilentProgress();
  RunContext ctx_;
  FakeTaskRunner runner_;
};

TEST_F(SchedulerTest, UpstreamFirstAndTheAggregateLast) {
  SchedulerOptions options;
  options.jobs = 2;
  auto totals = RunDag(ctx_, dag_, runner_, options);
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  EXPECT_EQ(totals->tasks, 5);
  EXPECT_EQ(totals->published, 5);
  EXPECT_TRUE(totals->ok());
  ASSERT_EQ(runner_.order_.size(), 5u);
  EXPECT_LT(Position("st1/a"), Position("st2/a"));
  EXPECT_LT(Position("st1/b"), Position("st2/b"));
  EXPECT_EQ(Position("report/*"), 4u);
  EXPECT_EQ(runner_.waited_, 1);  // background work is waited for before returning
}

TEST_F(SchedulerTest, AFailureBlocksWhatDependsOnItOnly) {
  runner_.fail_ = {"st1/a"};
  auto totals = RunDag(ctx_, dag_, runner_, SchedulerOptions{});
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  EXPECT_EQ(totals->failed, 1);
  EXPECT_EQ(totals->blocked, 2);  // st2/a and the report over every sample
  EXPECT_EQ(totals->published, 2);  // st1/b, st2/b: independent work goes on
  EXPECT_FALSE(totals->ok());
  EXPECT_EQ(runner_.order_.size(), 3u);
  EXPECT_EQ(std::count(runner_.order_.begin(), runner_.order_.end(), "st2/a"), 0);
  EXPECT_EQ(std::count(runner_.order_.begin(), runner_.order_.end(), "report/*"), 0);
}

TEST_F(SchedulerTest, RunsJobsInParallel) {
  runner_.rendezvous_ = true;
  SchedulerOptions options;
  options.jobs = 2;
  options.steps = {"st1"};  // two independent tasks
  auto totals = RunDag(ctx_, dag_, runner_, options);
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  EXPECT_EQ(totals->published, 2);
  EXPECT_EQ(runner_.max_in_flight_, 2);
}

TEST_F(SchedulerTest, OneJobRunsOneAtATime) {
  auto totals = RunDag(ctx_, dag_, runner_, SchedulerOptions{});
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  EXPECT_EQ(totals->published, 5);
  EXPECT_EQ(runner_.max_in_flight_, 1);
}

TEST_F(SchedulerTest, NothingStartsAfterCancel) {
  runner_.on_execute_ = [&](const std::string&) { cancel_.Cancel(); };
  auto totals = RunDag(ctx_, dag_, runner_, SchedulerOptions{});
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  EXPECT_EQ(runner_.order_.size(), 1u);
  EXPECT_EQ(totals->published, 1);
  EXPECT_EQ(totals->interrupted, 2);  // st1/b and st2/a were queued; the rest never was
  EXPECT_FALSE(totals->ok());
}

TEST_F(SchedulerTest, SelectsSamplesAndStepsAndRejectsUnknownOnes) {
  SchedulerOptions options;
  options.samples = {"b"};
  options.steps = {"st2"};
  auto totals = RunDag(ctx_, dag_, runner_, options);
  ASSERT_TRUE(totals.ok()) << totals.status().ToString();
  EXPECT_EQ(runner_.order_, std::vector<std::string>{"st2/b"});
  options.samples = {"zz"};
  auto unknown = RunDag(ctx_, dag_, runner_, options);
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("zz"), std::string::npos);
  options.samples.clear();
  options.steps = {"nope"};
  EXPECT_FALSE(RunDag(ctx_, dag_, runner_, options).ok());
}

}  // namespace
}  // namespace cutover
