// The Slurm runner against a fake Slurm: a ProcessRunner that answers sbatch, squeue, sacct and
// scancel from a script, so every decision (states, missing results, cancels, lost jobs) is
// tested without a cluster. The e2e tests (tests/slurm/) run the real thing.
#include "exec/slurm_runner.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"
#include <stdlib.h>

#include <algorithm>
#include <deque>
#include <fstream>
#include <functional>
#include <mutex>
#include <thread>

#include "exec/slurm_job.h"
#include "util/file.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

// Answers Slurm's commands. squeue answers come from `states` one per call (the last one
// repeats); "unknown" = slurmctld forgot the job, "fail" = slurmctld unreachable.
class FakeSlurm : public ProcessRunner {
 public:
  struct Answer {
    int exit = 0;
    std::string out, err;
  };
  Answer sbatch{0, "42\n", ""};
  std::deque<Answer> sbatch_first;  // answered (one per call) before `sbatch`
  std::deque<std::string> states = {"RUNNING", "COMPLETED"};
  Answer sacct{1, "", "Slurm accounting storage is disabled\n"};
  std::function<void(const SlurmJobFiles&)> on_submit;  // plays the job (writes result.json)
  std::string after_scancel = "CANCELLED";

  ProcessResult Run(const ProcessSpec& spec, const CancelToken&) override {
    std::lock_guard<std::mutex> lock(mu_);
    calls_.push_back(spec.argv);
    Answer a;
    const std::string& cmd = spec.argv[0];
    if (cmd == "sbatch") {
      a = sbatch;
      if (!sbatch_first.empty()) {
        a = sbatch_first.front();
        sbatch_first.pop_front();
      }
      for (const std::string& arg : spec.argv) {
        if (arg.rfind("--chdir=", 0) == 0) job_dir_ = arg.substr(8);
      }
      if (a.exit == 0 && on_submit) on_submit(SlurmJobFiles{job_dir_});
    } else if (cmd == "squeue") {
      std::string state = cancelled_ ? after_scancel : states.front();
      if (!cancelled_ && states.size() > 1) states.pop_front();
      if (state == "unknown") {
        a = {1, "", "slurm_load_jobs error: Invalid job id specified\n"};
      } else if (state == "fail") {
        a = {1, "", "slurm_load_jobs error: Unable to contact slurm controller (connect failure)\n"};
      } else {
        // "STATE" or "STATE|REASON".
        a.out = "42|" + state + (state.find('|') == std::string::npos ? "|None\n" : "\n");
      }
    } else if (cmd == "sacct") {
      a = sacct;
    } else if (cmd == "scancel") {
      cancelled_ = true;
    }
    std::ofstream(spec.stdout_path) << a.out;
    std::ofstream(spec.stderr_path) << a.err;
    ProcessResult r;
    r.end = ProcessEnd::kExited;
    r.exit_code = a.exit;
    return r;
  }

  void SetAfterScancel(std::string state) {
    std::lock_guard<std::mutex> lock(mu_);
    after_scancel = std::move(state);
  }
  std::vector<std::vector<std::string>> calls() {
    std::lock_guard<std::mutex> lock(mu_);
    return calls_;
  }
  int Count(const std::string& cmd) {
    auto c = calls();
    return static_cast<int>(std::count_if(c.begin(), c.end(), [&](const auto& a) { return a[0] == cmd; }));
  }

 private:
  std::mutex mu_;
  std::vector<std::vector<std::string>> calls_;
  fs::path job_dir_;
  bool cancelled_ = false;
};

void WriteResult(const SlurmJobFiles& files, ProcessEnd end, int exit_code, int64_t wall_ms) {
  ProcessResult r;
  r.end = end;
  r.exit_code = exit_code;
  r.wall_ms = wall_ms;
  r.cpu_ms = wall_ms / 2;
  r.max_rss_kb = 777;
  ASSERT_TRUE(WriteFileAtomic(files.result(), ProcessResultToJson(r)).ok());
}

class SlurmRunnerTest : public ::testing::Test {
 protected:
  SlurmOptions Options() {
    SlurmOptions o;
    o.partition = "debug";
    o.cpus = 2;
    o.mem = "4G";
    o.self_exe = "/shared/bin/cutover";
    o.job_root = tmp_.path() / "jobs";
    o.poll_initial_ms = 1;
    o.poll_max_ms = 2;
    o.result_check_ms = 1;
    o.result_grace_ms = 20;
    o.cancel_wait_ms = 1000;
    return o;
  }
  ProcessSpec Spec() {
    ProcessSpec s;
    s.argv = {"/bin/sh", "-c", "true"};
    s.cwd = tmp_.path() / "work";
    s.stdout_path = tmp_.path() / "new.stdout";
    s.stderr_path = tmp_.path() / "new.stderr";
    s.job_dir = tmp_.path() / "new.job";
    s.env = {{"CUTOVER_STEP", "qc"}, {"CUTOVER_SAMPLE", "s 1"}, {"CUTOVER_SIDE", "new"}};
    s.timeout_ms = 90000;
    return s;
  }
  ProcessResult Run(SlurmOptions o) {
    auto runner = MakeSlurmRunner(std::move(o), &slurm_);
    return runner->Run(Spec(), cancel_);
  }
  std::vector<std::string> SbatchArgv() {
    for (const auto& c : slurm_.calls()) {
      if (c[0] == "sbatch") return c;
    }
    return {};
  }

  TestTempDir tmp_;
  FakeSlurm slurm_;
  CancelToken cancel_;
};

TEST_F(SlurmRunnerTest, SubmitsWithTheStepsResourcesAndReturnsTheMeasuredResult) {
  std::string submitter_at_submit;
  slurm_.on_submit = [&](const SlurmJobFiles& f) {
    // Who submitted is on disk before the job exists: a cutover killed right after sbatch
    // leaves a job the next run can find.
    auto text = ReadFile(f.submitter());
    submitter_at_submit = text.ok() ? *text : "(none)";
    WriteResult(f, ProcessEnd::kExited, 3, 1500);
  };
  slurm_.states = {"PENDING", "RUNNING", "COMPLETING", "FAILED"};
  SlurmOptions options = Options();
  options.submitter = "node1 4242";
  ProcessResult r = Run(options);
  EXPECT_EQ(submitter_at_submit, "node1 4242\n");
  EXPECT_EQ(r.end, ProcessEnd::kExited) << r.error;
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.wall_ms, 1500);
  EXPECT_EQ(r.cpu_ms, 750);
  EXPECT_EQ(r.max_rss_kb, 777);
  std::vector<std::string> argv = SbatchArgv();
  auto has = [&](const std::string& a) {
    return std::find(argv.begin(), argv.end(), a) != argv.end();
  };
  EXPECT_TRUE(has("--parsable"));
  EXPECT_TRUE(has("--partition=debug"));
  EXPECT_TRUE(has("--cpus-per-task=2"));
  EXPECT_TRUE(has("--mem=4G"));
  EXPECT_TRUE(has("--no-requeue"));
  EXPECT_TRUE(has("--time=3")) << "90 s timeout + grace + a minute, rounded up";
  EXPECT_TRUE(has("--job-name=cutover.qc.s_1.new"));
  const fs::path job = tmp_.path() / "new.job";
  EXPECT_TRUE(has("--chdir=" + job.string()));
  EXPECT_TRUE(has("--output=" + (job / "slurm.log").string()));
  EXPECT_EQ(argv.back(), (job / "job.sh").string());
  EXPECT_EQ(*ReadFile(job / "job_id"), "42\n");
  EXPECT_NE(ReadFile(job / "job.sh")->find("exec '/shared/bin/cutover' slurm-job"), std::string::npos);
  auto spec = ProcessSpecFromJson(*ReadFile(job / "spec.json"));
  ASSERT_TRUE(spec.ok());
  EXPECT_EQ(spec->argv, Spec().argv);
}

TEST_F(SlurmRunnerTest, ASuccessfulResultEndsTheWaitWithoutSqueue) {
  slurm_.states = {"RUNNING"};  // never ends, as far as squeue knows
  SlurmOptions o = Options();
  o.poll_initial_ms = 100000;
  slurm_.on_submit = [](const SlurmJobFiles& f) { WriteResult(f, ProcessEnd::kExited, 0, 1); };
  EXPECT_TRUE(Run(o).succeeded());
  EXPECT_EQ(slurm_.Count("squeue"), 0);
}

TEST_F(SlurmRunnerTest, SideKilledBySlurmsSignalBeforeTheWrapperKnew) {
  // Slurm's SIGTERM reached the side first: the wrapper saw a plain signal death.
  slurm_.states = {"RUNNING", "CANCELLED"};
  slurm_.on_submit = [](const SlurmJobFiles& f) {
    ProcessResult r;
    r.end = ProcessEnd::kSignaled;
    r.signal = 15;
    r.wall_ms = 321;
    ASSERT_TRUE(WriteFileAtomic(f.result(), ProcessResultToJson(r)).ok());
  };
  ProcessResult r = Run(Options());
  EXPECT_EQ(r.end, ProcessEnd::kSchedulerKilled);
  EXPECT_EQ(r.signal, 15);
  EXPECT_EQ(r.wall_ms, 321);
  EXPECT_NE(r.error.find("Slurm job 42 was cancelled"), std::string::npos) << r.error;
}

TEST_F(SlurmRunnerTest, ExplicitTimeLimitAndExtraArguments) {
  SlurmOptions o = Options();
  o.time_limit_ms = int64_t{2} * 3600 * 1000;
  o.account = "lab";
  o.qos = "short";
  o.sbatch_args = {"--constraint=avx2"};
  slurm_.on_submit = [](const SlurmJobFiles& f) { WriteResult(f, ProcessEnd::kExited, 0, 1); };
  EXPECT_TRUE(Run(o).succeeded());
  std::vector<std::string> argv = SbatchArgv();
  for (const char* a : {"--time=120", "--account=lab", "--qos=short", "--constraint=avx2"}) {
    EXPECT_NE(std::find(argv.begin(), argv.end(), a), argv.end()) << a;
  }
}

TEST_F(SlurmRunnerTest, ResultArrivingAfterSqueueSaysCompleted) {
  slurm_.states = {"RUNNING", "COMPLETED"};
  SlurmOptions o = Options();
  o.result_grace_ms = 5000;
  const fs::path job = tmp_.path() / "new.job";
  std::thread late([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    WriteResult(SlurmJobFiles{job}, ProcessEnd::kExited, 0, 5);
  });
  o.result_check_ms = 1000;  // only the grace wait can see it in time
  ProcessResult r = Run(o);
  late.join();
  EXPECT_TRUE(r.succeeded()) << r.error;
}

TEST_F(SlurmRunnerTest, TimeLimitKillIsRecordedAsSuch) {
  slurm_.states = {"PENDING", "RUNNING", "TIMEOUT"};
  slurm_.on_submit = [](const SlurmJobFiles& f) {
    std::ofstream(f.log()) << "side output\nslurmstepd: error: *** JOB 42 ON n1 CANCELLED AT 2024-01-01T00:00:00 DUE TO TIME LIMIT ***\n";
  };
  ProcessResult r = Run(Options());
  EXPECT_EQ(r.end, ProcessEnd::kSchedulerKilled);
  EXPECT_NE(r.error.find("Slurm job 42 reached its Slurm time limit (TIMEOUT)"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("DUE TO TIME LIMIT"), std::string::npos) << r.error;
  EXPECT_EQ(slurm_.Count("sacct"), 1);
  EXPECT_EQ(slurm_.Count("scancel"), 0);
}

TEST_F(SlurmRunnerTest, AdministratorsCancelOverridesTheWrappersOwnReport) {
  // The wrapper got SIGTERM and wrote "cancelled"; squeue says CANCELLED: not ours.
  slurm_.states = {"RUNNING", "RUNNING", "CANCELLED"};
  slurm_.on_submit = [](const SlurmJobFiles& f) { WriteResult(f, ProcessEnd::kCancelled, -1, 400); };
  ProcessResult r = Run(Options());
  EXPECT_EQ(r.end, ProcessEnd::kSchedulerKilled);
  EXPECT_NE(r.error.find("was cancelled"), std::string::npos) << r.error;
  EXPECT_EQ(r.wall_ms, 400) << "measured inside the job";
}

TEST_F(SlurmRunnerTest, AccountingFillsInWhatTheJobCouldNotWrite) {
  slurm_.states = {"RUNNING", "OUT_OF_MEMORY"};
  slurm_.sacct = {0, "42|OUT_OF_MEMORY|0:125|12|00:03.250|\n42.batch|OUT_OF_MEMORY|0:125|12|00:03.250|4G\n", ""};
  ProcessResult r = Run(Options());
  EXPECT_EQ(r.end, ProcessEnd::kSchedulerKilled);
  EXPECT_NE(r.error.find("OUT_OF_MEMORY"), std::string::npos);
  EXPECT_EQ(r.wall_ms, 12000);
  EXPECT_EQ(r.cpu_ms, 3250);
  EXPECT_EQ(r.max_rss_kb, 4 * 1024 * 1024);
}

TEST_F(SlurmRunnerTest, SacctIsNotAskedAgainOnceAccountingIsKnownDisabled) {
  slurm_.states = {"NODE_FAIL"};
  auto runner = MakeSlurmRunner(Options(), &slurm_);
  EXPECT_EQ(runner->Run(Spec(), cancel_).end, ProcessEnd::kSchedulerKilled);
  EXPECT_EQ(runner->Run(Spec(), cancel_).end, ProcessEnd::kSchedulerKilled);
  EXPECT_EQ(slurm_.Count("sacct"), 1);
}

TEST_F(SlurmRunnerTest, JobPendingPastTheQueueLimitIsCancelledAndNamed) {
  slurm_.states = {"PENDING|Resources"};
  SlurmOptions o = Options();
  o.queue_limit_ms = 30;
  ProcessResult r = Run(o);
  EXPECT_EQ(r.end, ProcessEnd::kSpawnFailed);
  EXPECT_EQ(r.error,
            "Slurm job 42 was still waiting in the queue after 30ms (reason: Resources); it was "
            "cancelled (executor queue_limit)");
  EXPECT_EQ(slurm_.Count("scancel"), 1);
}

TEST_F(SlurmRunnerTest, QueueLimitDoesNotApplyOnceTheJobRuns) {
  // Pending a while, then running longer than the queue limit, then done.
  slurm_.states = {"PENDING|Priority", "RUNNING", "RUNNING", "RUNNING", "RUNNING", "RUNNING",
                   "RUNNING", "RUNNING", "RUNNING", "RUNNING", "RUNNING", "RUNNING", "RUNNING",
                   "RUNNING", "RUNNING", "RUNNING", "RUNNING", "RUNNING", "RUNNING", "COMPLETED"};
  slurm_.on_submit = [](const SlurmJobFiles& f) { WriteResult(f, ProcessEnd::kExited, 0, 40); };
  SlurmOptions o = Options();
  o.queue_limit_ms = 5;
  o.result_check_ms = 1000000;  // see the job through squeue's states only, not its result file
  ProcessResult r = Run(o);
  EXPECT_EQ(r.end, ProcessEnd::kExited) << r.error;
  EXPECT_EQ(slurm_.Count("scancel"), 0);
}

TEST_F(SlurmRunnerTest, CancelScancelsAndWaitsForTheJobToEnd) {
  slurm_.states = {"RUNNING"};
  slurm_.after_scancel = "COMPLETING";
  auto runner = MakeSlurmRunner(Options(), &slurm_);
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    cancel_.Cancel();
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    slurm_.SetAfterScancel("CANCELLED");
  });
  ProcessResult r = runner->Run(Spec(), cancel_);
  stopper.join();
  EXPECT_EQ(r.end, ProcessEnd::kCancelled);
  auto calls = slurm_.calls();
  std::vector<std::string> scancel = {"scancel", "42"};
  EXPECT_NE(std::find(calls.begin(), calls.end(), scancel), calls.end());
  EXPECT_EQ(calls.back()[0], "squeue") << "confirmed ended after the scancel";
}

TEST_F(SlurmRunnerTest, CancelledBeforeSubmittingSubmitsNothing) {
  cancel_.Cancel();
  EXPECT_EQ(Run(Options()).end, ProcessEnd::kCancelled);
  EXPECT_TRUE(slurm_.calls().empty());
}

TEST_F(SlurmRunnerTest, RejectedSubmissionIsASpawnFailure) {
  slurm_.sbatch = {1, "", "sbatch: error: Batch job submission failed: Invalid partition name specified\n"};
  ProcessResult r = Run(Options());
  EXPECT_EQ(r.end, ProcessEnd::kSpawnFailed);
  EXPECT_EQ(r.error, "sbatch: sbatch: error: Batch job submission failed: Invalid partition name specified");
}

constexpr char kSubmitLimit[] =
    "sbatch: error: QOSMaxSubmitJobPerUserLimit\n"
    "sbatch: error: Batch job submission failed: Job violates accounting/QOS policy (job submit "
    "limit, user's size and/or time limits)\n";

// A runner whose notes are kept.
struct Notes {
  std::mutex mu;
  std::vector<std::string> lines;
  std::function<void(const std::string&)> Sink() {
    return [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(mu);
      lines.push_back(line);
    };
  }
};

TEST_F(SlurmRunnerTest, AFullQueueIsWaitedForAndTheJobSubmittedAgain) {
  slurm_.sbatch_first = {{1, "", kSubmitLimit},
                         {1, "", "sbatch: error: Slurm temporarily unable to accept job, sleeping "
                                 "and retrying\nsbatch: error: Batch job submission failed: "
                                 "Resource temporarily unavailable\n"}};
  slurm_.on_submit = [](const SlurmJobFiles& f) { WriteResult(f, ProcessEnd::kExited, 0, 10); };
  Notes notes;
  SlurmOptions o = Options();
  o.submit_retry_initial_ms = 10;
  o.submit_retry_max_ms = 15;
  o.note = notes.Sink();
  const auto start = std::chrono::steady_clock::now();
  ProcessResult r = Run(o);
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(r.succeeded()) << r.error;
  EXPECT_EQ(slurm_.Count("sbatch"), 3);
  EXPECT_GE(waited, std::chrono::milliseconds(10 + 15)) << "the second wait is longer, bounded";
  ASSERT_EQ(notes.lines.size(), 3u);
  EXPECT_EQ(notes.lines[0],
            "qc s 1 (new): Slurm refused the job for now: sbatch: error: Batch job submission "
            "failed: Job violates accounting/QOS policy (job submit limit, user's size and/or "
            "time limits); submitting again in 10ms (try 2)");
  EXPECT_NE(notes.lines[1].find("Resource temporarily unavailable; submitting again in 15ms (try 3)"),
            std::string::npos) << notes.lines[1];
  EXPECT_EQ(notes.lines[2], "qc s 1 (new): submitted to Slurm at try 3");
}

TEST_F(SlurmRunnerTest, WaitingForRoomInTheQueueEndsWithCtrlC) {
  slurm_.sbatch = {1, "", kSubmitLimit};
  SlurmOptions o = Options();
  o.submit_retry_initial_ms = 60000;  // only the cancel ends the wait
  auto runner = MakeSlurmRunner(o, &slurm_);
  std::thread stopper([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    cancel_.Cancel();
  });
  const auto start = std::chrono::steady_clock::now();
  ProcessResult r = runner->Run(Spec(), cancel_);
  stopper.join();
  EXPECT_EQ(r.end, ProcessEnd::kCancelled);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_EQ(slurm_.Count("sbatch"), 1);
  EXPECT_EQ(slurm_.Count("scancel"), 0) << "nothing was queued";
}

TEST_F(SlurmRunnerTest, WaitingForRoomInTheQueueStopsAtTheQueueLimit) {
  slurm_.sbatch = {1, "", kSubmitLimit};
  SlurmOptions o = Options();
  o.submit_retry_initial_ms = 10;
  o.submit_retry_max_ms = 10;
  o.queue_limit_ms = 100;
  ProcessResult r = Run(o);
  EXPECT_EQ(r.end, ProcessEnd::kSpawnFailed);
  EXPECT_NE(r.error.find("Job violates accounting/QOS policy"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("executor queue_limit"), std::string::npos) << r.error;
  // Tried again, and no try starts after the limit: at most one per 10 ms of the 100. (Not an
  // exact count: under a sanitizer at low priority beside other tests a try can take 20 ms.)
  EXPECT_GE(slurm_.Count("sbatch"), 2);
  EXPECT_LE(slurm_.Count("sbatch"), 11);
}

TEST_F(SlurmRunnerTest, APerJobLimitIsNotWaitedFor) {
  slurm_.sbatch = {1, "",
                   "sbatch: error: QOSMaxWallDurationPerJobLimit\nsbatch: error: Batch job "
                   "submission failed: Job violates accounting/QOS policy (job submit limit, "
                   "user's size and/or time limits)\n"};
  ProcessResult r = Run(Options());
  EXPECT_EQ(r.end, ProcessEnd::kSpawnFailed);
  EXPECT_EQ(slurm_.Count("sbatch"), 1);
}

TEST_F(SlurmRunnerTest, JobThatEndsWithoutAResultIsASpawnFailureWithTheLog) {
  slurm_.states = {"RUNNING", "FAILED"};
  slurm_.on_submit = [](const SlurmJobFiles& f) {
    std::ofstream(f.log()) << "/var/spool/slurmd/job00042/slurm_script: 3: exec: /shared/bin/cutover: not found\n";
  };
  ProcessResult r = Run(Options());
  EXPECT_EQ(r.end, ProcessEnd::kSpawnFailed);
  EXPECT_NE(r.error.find("Slurm job 42 ended (FAILED) without a result"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("cutover: not found"), std::string::npos) << r.error;
}

TEST_F(SlurmRunnerTest, JobForgottenBySlurmWithoutAResult) {
  slurm_.states = {"RUNNING", "unknown"};
  ProcessResult r = Run(Options());
  EXPECT_EQ(r.end, ProcessEnd::kSchedulerKilled);
  EXPECT_NE(r.error.find("left the queue without a result"), std::string::npos) << r.error;
}

TEST_F(SlurmRunnerTest, JobForgottenBySlurmButItsResultIsThere) {
  slurm_.states = {"unknown"};
  SlurmOptions o = Options();
  o.result_check_ms = 100000;  // squeue notices first
  slurm_.on_submit = [](const SlurmJobFiles& f) { WriteResult(f, ProcessEnd::kExited, 0, 9); };
  EXPECT_TRUE(Run(o).succeeded());
}

TEST_F(SlurmRunnerTest, UnreachableControllerGivesUpAndCancels) {
  slurm_.states = {"fail"};
  SlurmOptions o = Options();
  o.max_poll_failures = 3;
  o.cancel_wait_ms = 10;
  ProcessResult r = Run(o);
  EXPECT_EQ(r.end, ProcessEnd::kSpawnFailed);
  EXPECT_NE(r.error.find("lost track of Slurm job 42"), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("Unable to contact slurm controller"), std::string::npos) << r.error;
  EXPECT_EQ(slurm_.Count("scancel"), 1);
}

TEST_F(SlurmRunnerTest, OverdueJobIsCancelledAsTimedOut) {
  slurm_.states = {"RUNNING"};
  SlurmOptions o = Options();
  o.timeout_slack_ms = 0;
  auto runner = MakeSlurmRunner(o, &slurm_);
  ProcessSpec spec = Spec();
  spec.timeout_ms = 30;
  spec.kill_grace_ms = 10;
  ProcessResult r = runner->Run(spec, cancel_);
  EXPECT_EQ(r.end, ProcessEnd::kTimedOut);
  EXPECT_EQ(slurm_.Count("scancel"), 1);
  EXPECT_GE(r.wall_ms, 40);
}

TEST_F(SlurmRunnerTest, SpecWithoutJobDirUsesTheJobRoot) {
  slurm_.states = {"COMPLETED"};
  SlurmOptions o = Options();
  auto runner = MakeSlurmRunner(o, &slurm_);
  ProcessSpec spec = Spec();
  spec.job_dir.clear();
  slurm_.on_submit = [](const SlurmJobFiles& f) { WriteResult(f, ProcessEnd::kExited, 0, 1); };
  EXPECT_TRUE(runner->Run(spec, cancel_).succeeded());
  EXPECT_EQ(fs::path(SbatchArgv().back()).parent_path().parent_path(), o.job_root);
}

}  // namespace
}  // namespace cutover
