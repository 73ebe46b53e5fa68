#include "exec/process.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

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
  void Write(const std::string& name, const std::string& text, mode_t mode) {
    std::ofstream(dir_ / name) << text;
    fs::permissions(dir_ / name, static_cast<fs::perms>(mode));
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

// Each thread checks its own results: exit code, its own stdout file, its own environment, and
// spawn failures mixed in (the exec-failure pipe must not cross between concurrent children).
TEST_F(ProcessTest, ManyConcurrentRuns) {
  constexpr int kThreads = 8, kRuns = 6;
  std::vector<std::thread> threads;
  std::vector<std::string> failures(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kRuns; ++i) {
        std::string id = std::to_string(t) + "." + std::to_string(i);
        ProcessSpec s;
        s.stdout_path = dir_ / ("out" + id);
        s.stderr_path = dir_ / ("err" + id);
        if (i % 3 == 2) {
          s.argv = {"cutover-missing-" + id};
          ProcessResult r = runner_->Run(s, cancel_);
          if (r.end != ProcessEnd::kSpawnFailed || r.error.find(id) == std::string::npos) {
            failures[t] += id + ": expected a spawn failure, got " + r.error + "\n";
          }
          continue;
        }
        s.argv = {"/bin/sh", "-c", "echo $ID; exit " + std::to_string(t + i)};
        s.env["ID"] = id;
        ProcessResult r = runner_->Run(s, cancel_);
        std::ifstream in(s.stdout_path);
        std::string line;
        std::getline(in, line);
        if (r.end != ProcessEnd::kExited || r.exit_code != t + i || line != id) {
          failures[t] += id + ": exit " + std::to_string(r.exit_code) + ", stdout '" + line + "'\n";
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], "") << "thread " << t;
}

TEST_F(ProcessTest, NotExecutableIsASpawnFailure) {
  Write("x", "#!/bin/sh\necho hi\n", 0644);
  ProcessSpec s = Sh("");
  s.argv = {"./x"};
  ProcessResult r = runner_->Run(s, cancel_);
  EXPECT_EQ(r.end, ProcessEnd::kSpawnFailed);
  EXPECT_EQ(r.error, "cannot execute ./x: Permission denied");
  s.argv = {"./missing"};  // a path, not a name to look up: not "command not found"
  r = runner_->Run(s, cancel_);
  EXPECT_EQ(r.end, ProcessEnd::kSpawnFailed);
  EXPECT_EQ(r.error, "cannot execute ./missing: No such file or directory");
}

TEST_F(ProcessTest, MissingOutputDirectoryIsASpawnFailure) {
  ProcessSpec s = Sh("true");
  s.stderr_path = dir_ / "no" / "err.log";
  ProcessResult r = runner_->Run(s, cancel_);
  EXPECT_EQ(r.end, ProcessEnd::kSpawnFailed);
  EXPECT_NE(r.error.find((dir_ / "no" / "err.log").string()), std::string::npos) << r.error;
}

TEST_F(ProcessTest, PathFromSpecEnvironmentIsSearched) {
  fs::create_directories(dir_ / "bin");
  Write("bin/cutover-test-tool", "#!/bin/sh\necho tool ran\n", 0755);
  ProcessSpec s = Sh("");
  s.argv = {"cutover-test-tool"};
  s.env["PATH"] = (dir_ / "bin").string() + ":/usr/bin:/bin";
  ProcessResult r = runner_->Run(s, cancel_);
  ASSERT_TRUE(r.succeeded()) << r.error;
  EXPECT_EQ(Read("out.log"), "tool ran\n");
}

// Returns the hex value of a "Name:\t..." line of /proc/<pid>/status text.
std::string StatusField(const std::string& status, const std::string& name) {
  size_t at = status.find("\n" + name + ":\t");
  if (at == std::string::npos) return "?";
  at += name.size() + 3;
  return status.substr(at, status.find('\n', at) - at);
}

// cutover blocks SIGINT/SIGTERM in its threads (a sigwait thread handles them) and may ignore
// others; a child must start with neither, and with no descriptor of ours but 0, 1, 2.
TEST_F(ProcessTest, ChildStartsWithCleanSignalsAndDescriptors) {
  sigset_t term, old_mask;
  sigemptyset(&term);
  sigaddset(&term, SIGTERM);
  sigaddset(&term, SIGINT);
  ASSERT_EQ(::pthread_sigmask(SIG_BLOCK, &term, &old_mask), 0);
  struct sigaction ign {}, old_usr2 {};
  ign.sa_handler = SIG_IGN;
  ASSERT_EQ(::sigaction(SIGUSR2, &ign, &old_usr2), 0);
  int leaked = ::open("/dev/null", O_RDONLY);  // deliberately without O_CLOEXEC
  ASSERT_GE(leaked, 3);

  ProcessSpec status = Sh("");
  status.argv = {"cat", "/proc/self/status"};
  ProcessResult r1 = runner_->Run(status, cancel_);
  std::string text = Read("out.log");
  ProcessSpec fds = Sh("if [ -e /proc/self/fd/" + std::to_string(leaked) +
                       " ]; then echo leaked; fi; readlink /proc/self/fd/0");
  ProcessResult r2 = runner_->Run(fds, cancel_);
  std::string fd_text = Read("out.log");
  ProcessSpec term_spec = Sh("sleep 100");  // SIGTERM must work although we block it
  term_spec.timeout_ms = 100;
  term_spec.kill_grace_ms = 10000;
  ProcessResult r3 = runner_->Run(term_spec, cancel_);

  ::close(leaked);
  ::sigaction(SIGUSR2, &old_usr2, nullptr);
  ::pthread_sigmask(SIG_SETMASK, &old_mask, nullptr);

  ASSERT_TRUE(r1.succeeded()) << r1.error;
  EXPECT_EQ(StatusField(text, "SigBlk"), "0000000000000000");
  EXPECT_EQ(StatusField(text, "SigIgn"), "0000000000000000");
  ASSERT_TRUE(r2.succeeded()) << r2.error;
  EXPECT_EQ(fd_text, "/dev/null\n");
  EXPECT_EQ(r3.end, ProcessEnd::kTimedOut);
  EXPECT_EQ(r3.signal, SIGTERM);
  EXPECT_LT(r3.wall_ms, 5000);
}

TEST_F(ProcessTest, LeftoverGrandchildIsKilledWhenTheChildExits) {
  ProcessSpec s = Sh("sleep 100 & echo $! > grandchild.pid; exit 0");
  auto start = std::chrono::steady_clock::now();
  ProcessResult r = runner_->Run(s, cancel_);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  EXPECT_TRUE(r.succeeded());
  pid_t grandchild = std::stoi(Read("grandchild.pid"));
  for (int i = 0; i < 50 && Alive(grandchild); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_FALSE(Alive(grandchild)) << "grandchild " << grandchild << " survived";
}

TEST_F(ProcessTest, StderrTailIsCutAtALineStart) {
  ProcessSpec s = Sh("i=0; while [ $i -lt 500 ]; do echo \"line $i\" >&2; i=$((i+1)); done");
  s.stderr_tail_bytes = 100;
  ProcessResult r = runner_->Run(s, cancel_);
  ASSERT_TRUE(r.succeeded());
  EXPECT_LE(r.stderr_tail.size(), 100u);
  EXPECT_EQ(r.stderr_tail.rfind("line ", 0), 0u) << r.stderr_tail;
  EXPECT_TRUE(r.stderr_tail.ends_with("line 498\nline 499\n")) << r.stderr_tail;
}

TEST_F(ProcessTest, SameFileForBothStreamsInterleaves) {
  ProcessSpec s = Sh("echo one; echo two >&2; echo three");
  s.stderr_path = s.stdout_path;
  ProcessResult r = runner_->Run(s, cancel_);
  ASSERT_TRUE(r.succeeded());
  EXPECT_EQ(Read("out.log"), "one\ntwo\nthree\n");
}

TEST_F(ProcessTest, AlreadyCancelledStartsNothing) {
  CancelToken cancel;
  cancel.Cancel();
  ProcessResult r = runner_->Run(Sh("touch ran"), cancel);
  EXPECT_EQ(r.end, ProcessEnd::kCancelled);
  EXPECT_FALSE(fs::exists(dir_ / "ran"));
}


}  // namespace
}  // namespace cutover
