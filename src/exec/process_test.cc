#include "exec/process.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

namespace cutover {
namespace fs = std::filesystem;
namespace {

class ProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("cutover_process_test_" + std::to_string(::getpid()) +
                                        "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    runner_ = MakeLocalProcessRunner();
  }
  void TearDown() override { fs::remove_all(dir_); }
  ProcessSpec Sh(const std::string& script) {
    ProcessSpec s;
    s.argv = {"/bin/sh", "-c", script};
    s.cwd = dir_;
    s.stdout_path = dir_ / "out.log";
    s.stderr_path = dir_ / "err.log";
    return s;
  }
  std::string Read(const std::string& name) {
    std::ifstream in(dir_ / name);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }
  fs::path dir_;
  std::unique_ptr<ProcessRunner> runner_;
  CancelToken cancel_;
};

TEST_F(ProcessTest, ExitCodesAndStreams) {
  ProcessResult r = runner_->Run(Sh("echo out; echo err >&2; exit 3"), cancel_);
  EXPECT_EQ(r.end, ProcessEnd::kExited);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_FALSE(r.succeeded());
  EXPECT_EQ(Read("out.log"), "out\n");
  EXPECT_EQ(r.stderr_tail, "err\n");
  EXPECT_TRUE(runner_->Run(Sh("true"), cancel_).succeeded());
}

TEST_F(ProcessTest, EnvironmentAndWorkingDirectory) {
  ProcessSpec s = Sh("echo \"$CUTOVER_X:$(pwd)\" > here.txt; echo \"$HOME\" >> here.txt");
  s.env["CUTOVER_X"] = "value with spaces";
  ASSERT_TRUE(runner_->Run(s, cancel_).succeeded());
  std::string text = Read("here.txt");
  EXPECT_EQ(text.substr(0, text.find('\n')), "value with spaces:" + fs::canonical(dir_).string());
  EXPECT_NE(text.substr(text.find('\n') + 1), "\n") << "inherited environment is kept";
}

TEST_F(ProcessTest, CommandNotFoundIsASpawnFailure) {
  ProcessSpec s;
  s.argv = {"cutover-no-such-command", "x"};
  ProcessResult r = runner_->Run(s, cancel_);
  EXPECT_EQ(r.end, ProcessEnd::kSpawnFailed);
  EXPECT_EQ(r.error, "cutover-no-such-command: command not found");
}

TEST_F(ProcessTest, MissingWorkingDirectoryIsASpawnFailure) {
  ProcessSpec s = Sh("true");
  s.cwd = dir_ / "nope";
  ProcessResult r = runner_->Run(s, cancel_);
  EXPECT_EQ(r.end, ProcessEnd::kSpawnFailed);
  EXPECT_NE(r.error.find("nope"), std::string::npos) << r.error;
}

// Running (not a zombie waiting to be reaped by init).
bool Alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  size_t paren = line.rfind(')');
  return paren != std::string::npos && paren + 2 < line.size() && line[paren + 2] != 'Z';
}

TEST_F(ProcessTest, TimeoutKillsTheWholeGroup) {
  ProcessSpec s = Sh("sleep 100 & echo $! > grandchild.pid; sleep 100");
  s.timeout_ms = 300;
  auto start = std::chrono::steady_clock::now();
  ProcessResult r = runner_->Run(s, cancel_);
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(r.end, ProcessEnd::kTimedOut);
  EXPECT_LT(took, std::chrono::seconds(5));
  pid_t grandchild = std::stoi(Read("grandchild.pid"));
  for (int i = 0; i < 50 && Alive(grandchild); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_FALSE(Alive(grandchild)) << "grandchild " << grandchild << " survived";
}

TEST_F(ProcessTest, TermIgnoringChildGetsKilledAfterGrace) {
  ProcessSpec s = Sh("trap '' TERM; while :; do sleep 0.05; done");
  s.timeout_ms = 200;
  s.kill_grace_ms = 300;
  ProcessResult r = runner_->Run(s, cancel_);
  EXPECT_EQ(r.end, ProcessEnd::kTimedOut);
  EXPECT_GE(r.wall_ms, 450);
  EXPECT_LT(r.wall_ms, 5000);
}

TEST_F(ProcessTest, CancelStopsTheChild) {
  CancelToken cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    cancel.Cancel();
  });
  ProcessResult r = runner_->Run(Sh("sleep 100"), cancel);
  canceller.join();
  EXPECT_EQ(r.end, ProcessEnd::kCancelled);
  EXPECT_LT(r.wall_ms, 5000);
}

TEST_F(ProcessTest, SignalIsReported) {
  ProcessResult r = runner_->Run(Sh("kill -SEGV $$"), cancel_);
  EXPECT_EQ(r.end, ProcessEnd::kSignaled);
  EXPECT_EQ(r.signal, SIGSEGV);
}

TEST_F(ProcessTest, ResourceUse) {
  ProcessSpec s;
  s.argv = {"/usr/bin/python3", "-c",
            "b = bytearray(200 * 1024 * 1024)\nfor i in range(0, len(b), 4096): b[i] = 1\n"
            "s = sum(range(3000000))"};
  ProcessResult r = runner_->Run(s, cancel_);
  ASSERT_TRUE(r.succeeded()) << r.error << r.stderr_tail;
  EXPECT_GT(r.max_rss_kb, 200 * 1024);
  EXPECT_GT(r.cpu_ms, 10);
}

TEST_F(ProcessTest, ManyConcurrentRuns) {
  std::vector<std::thread> threads;
  std::vector<int> codes(8, -1);
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      ProcessSpec s;
      s.argv = {"/bin/sh", "-c", "exit " + std::to_string(i)};
      codes[i] = runner_->Run(s, cancel_).exit_code;
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < 8; ++i) EXPECT_EQ(codes[i], i);
}

}  // namespace
}  // namespace cutover
