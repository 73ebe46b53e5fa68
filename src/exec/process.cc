#include "exec/process.h"

#include "exec/process_group.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <cstring>
#include <fstream>
#include <optional>
#include <thread>

#include "util/file_tail.h"
#include "util/strings.h"

extern char** environ;  // POSIX: the process environment, read to build the child's

namespace cutover {
namespace {

using SteadyClock = std::chrono::steady_clock;

// How often a waiting Run() looks at its CancelToken; bounds the latency of Ctrl-C. The child's
// exit itself wakes the wait at once (pidfd), so this does not add to a step's run time.
constexpr int64_t kCancelCheckMs = 50;
// Only when pidfd_open is unavailable (kernels before 5.3): how often to check for exit.
constexpr int64_t kFallbackPollMs = 2;

int64_t MsSince(SteadyClock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start).count();
}

int64_t MsUntil(SteadyClock::time_point deadline) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now())
             .count();
}

void CloseIfOpen(int& fd) {
  if (fd >= 0) ::close(fd);
  fd = -1;
}

// Moves a descriptor out of 0..2 (possible when cutover itself runs with closed standard
// streams), so the child's dup2() onto 0, 1, 2 cannot clobber one it still needs.
int AboveStdio(int fd) {
  if (fd < 0 || fd > 2) return fd;
  int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
  ::close(fd);
  return moved;
}

// Watches one unreaped child for its exit without reaping it, so its pid (and its process group
// id) cannot be reused by another process while we still send signals to the group.
class ExitWatch {
 public:
  explicit ExitWatch(pid_t pid) : pid_(pid) {
    pidfd_ = static_cast<int>(::syscall(SYS_pidfd_open, pid, 0));
  }
  ~ExitWatch() { CloseIfOpen(pidfd_); }
  ExitWatch(const ExitWatch&) = delete;
  ExitWatch& operator=(const ExitWatch&) = delete;

  // True once the child has exited (it stays a zombie until wait4). Waits at most `ms`
  // (negative = without limit).
  bool Wait(int64_t ms) {
    const auto deadline = SteadyClock::now() + std::chrono::milliseconds(std::max<int64_t>(ms, 0));
    while (true) {
      const int64_t left = ms < 0 ? -1 : std::max<int64_t>(0, MsUntil(deadline));
      if (pidfd_ >= 0) {
        pollfd p{pidfd_, POLLIN, 0};
        int r = ::poll(&p, 1, left < 0 ? -1 : static_cast<int>(std::min<int64_t>(left, INT_MAX)));
        if (r > 0) return true;
        if (r == 0) return false;
        if (errno != EINTR) CloseIfOpen(pidfd_);  // unexpected: degrade to polling, not hang
        continue;
      }
      if (Exited()) return true;
      if (left == 0) return false;
      int64_t nap = left < 0 ? kFallbackPollMs : std::min(left, kFallbackPollMs);
      std::this_thread::sleep_for(std::chrono::milliseconds(nap));
    }
  }

 private:
  bool Exited() const {
    siginfo_t info{};
    int r = ::waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT);
    return r == 0 && info.si_pid == pid_;
  }

  // Constant after construction (except pidfd_ closing on a poll error); one per Run().
  pid_t pid_;
  int pidfd_ = -1;
};

// Everything the child needs, prepared before vfork(): the child shares the parent's memory
// until exec, so it may only make system calls on this prepared data (no allocation, no locks,
// no writes to globals such as `environ`).
struct ChildPlan {
  std::vector<std::string> argv_storage;
  std::vector<std::string> env_storage;
  std::vector<char*> argv;
  std::vector<char*> envp;
  std::string program;        // argv[0] resolved on PATH by the parent
  const char* cwd = nullptr;  // nullptr = stay in the parent's directory
  int stdin_fd = -1;
  int stdout_fd = -1;
  int stderr_fd = -1;
  int report_fd = -1;  // write end of the CLOEXEC pipe that carries an exec failure
  pid_t parent = 0;
};

// Where in the child a failure happened; sent to the parent with errno.
enum ChildStage : int { kRedirect = 1, kChdir = 2, kExec = 3 };

Status CheckEnv(const ProcessSpec& spec) {
  for (const auto& [k, v] : spec.env) {
    if (k.empty() || k.find('=') != std::string::npos || k.find('\0') != std::string::npos) {
      return Status::InvalidArgument("invalid environment variable name '" + k + "'");
    }
  }
  return Status::Ok();
}

void BuildArgvEnv(const ProcessSpec& spec, ChildPlan& plan) {
  plan.argv_storage = spec.argv;
  for (std::string& a : plan.argv_storage) plan.argv.push_back(a.data());
  plan.argv.push_back(nullptr);
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    std::string key(kv.substr(0, kv.find('=')));
    if (!spec.env.count(key)) plan.env_storage.emplace_back(kv);
  }
  for (const auto& [k, v] : spec.env) plan.env_storage.push_back(k + "=" + v);
  for (std::string& s : plan.env_storage) plan.envp.push_back(s.data());
  plan.envp.push_back(nullptr);
}

// Runs in the vfork child until exec: system calls only. Never returns.
[[noreturn]] void ChildMain(const ChildPlan& plan) {
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != plan.parent) ::_exit(127);  // the parent died before prctl took effect

  // Dispositions first (all signals are still blocked, see Run), then an empty mask: the parent
  // may ignore or block signals (a sigwait thread), and exec keeps both ignored signals and the
  // mask. The child must start like a process started from a shell.
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  for (int sig = 1; sig < NSIG; ++sig) {
    if (sig != SIGKILL && sig != SIGSTOP) ::sigaction(sig, &dfl, nullptr);  // EINVAL is fine
  }
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);

  int stage = 0;
  if (::dup2(plan.stdin_fd, 0) < 0 || ::dup2(plan.stdout_fd, 1) < 0 ||
      ::dup2(plan.stderr_fd, 2) < 0) {
    stage = kRedirect;
  } else if (plan.cwd != nullptr && ::chdir(plan.cwd) != 0) {
    stage = kChdir;
  }
  if (stage == 0) {
    // Nothing but 0, 1, 2 survives exec, whatever other code in this process opened without
    // O_CLOEXEC. CLOEXEC rather than close keeps report_fd usable until exec succeeds.
    if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) != 0) {
      for (int fd = 3; fd < 4096; ++fd) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    ::execve(plan.program.c_str(), plan.argv.data(), plan.envp.data());
    stage = kExec;
  }
  int report[2] = {stage, errno};
  ssize_t ignored = ::write(plan.report_fd, report, sizeof report);
  (void)ignored;
  ::_exit(127);
}

// Kept out of line so the vfork child never returns into a frame the parent still uses.
__attribute__((noinline)) pid_t SpawnChild(const ChildPlan* plan) {
  pid_t pid = ::vfork();
  if (pid == 0) ChildMain(*plan);
  return pid;
}

// A new file at `path` for a child's stream: whatever was there (an earlier attempt's file, or a
// link or hard link someone planted) is removed first and the file is created with O_EXCL, so
// the child's output never lands in a file elsewhere.
int OpenOutput(const std::filesystem::path& path) {
  if (path.empty()) return ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) return -1;
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
}

// The stderr kept in the ledger ("" when there is none or it cannot be read).
std::string ReadTail(const std::filesystem::path& path, size_t max_bytes) {
  if (path.empty() || max_bytes == 0) return "";
  auto tail = ReadFileTail(path, max_bytes);
  return tail.ok() ? std::move(tail->text) : "";
}

std::string SpawnError(const ProcessSpec& spec, int stage, int err) {
  const std::string& cmd = spec.argv[0];
  switch (stage) {
    case kChdir:
      return "cannot enter working directory " + spec.cwd.string() + ": " + std::strerror(err);
    case kExec:
      if (err == ENOENT && cmd.find('/') == std::string::npos) return cmd + ": command not found";
      return "cannot execute " + cmd + ": " + std::strerror(err);
    default:
      return std::string("cannot redirect standard streams: ") + std::strerror(err);
  }
}

// argv[0] as execvp would find it, but on the PATH the child will have (spec.env's PATH when it
// sets one). Resolved here because the vfork child must not search (or touch `environ`).
// Returns argv[0] unchanged when it contains a '/', and "" when nothing on PATH matches.
std::string ResolveProgram(const ProcessSpec& spec) {
  const std::string& cmd = spec.argv[0];
  if (cmd.find('/') != std::string::npos) return cmd;
  std::string path;
  if (auto it = spec.env.find("PATH"); it != spec.env.end()) {
    path = it->second;
  } else if (const char* env = ::getenv("PATH")) {
    path = env;
  } else {
    path = "/usr/local/bin:/usr/bin:/bin";
  }
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find(':', start);
    if (end == std::string::npos) end = path.size();
    std::string dir = path.substr(start, end - start);
    std::string candidate = (dir.empty() ? "." : dir) + "/" + cmd;
    struct stat st {};
    if (::stat(candidate.c_str(), &st) == 0 && S_ISREG(st.st_mode) &&
        ::access(candidate.c_str(), X_OK) == 0) {
      return candidate;
    }
    start = end + 1;
  }
  return "";
}

// Stateless: every Run() owns its descriptors and its child, so concurrent calls share nothing.
class LocalProcessRunner : public ProcessRunner {
 public:
  ProcessResult Run(const ProcessSpec& spec, const CancelToken& cancel) override;
};

ProcessResult LocalProcessRunner::Run(const ProcessSpec& spec, const CancelToken& cancel) {
  ProcessResult result;
  if (spec.argv.empty() || spec.argv[0].empty()) {
    result.error = "empty command";
    return result;
  }
  if (Status st = CheckEnv(spec); !st.ok()) {
    result.error = st.message();
    return result;
  }
  if (cancel.cancelled()) {  // do not start work that would be killed at once
    result.end = ProcessEnd::kCancelled;
    return result;
  }

  ChildPlan plan;
  plan.program = ResolveProgram(spec);
  if (plan.program.empty()) {
    result.error = spec.argv[0] + ": command not found";
    return result;
  }
  BuildArgvEnv(spec, plan);
  std::string cwd = spec.cwd.string();
  if (!cwd.empty()) plan.cwd = cwd.c_str();
  plan.parent = ::getpid();

  auto fail_open = [&](const std::string& what, int err) {
    result.error = what + ": " + std::strerror(err);
    CloseIfOpen(plan.stdin_fd);
    CloseIfOpen(plan.stdout_fd);
    CloseIfOpen(plan.stderr_fd);
    return result;
  };
  plan.stdin_fd = AboveStdio(::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (plan.stdin_fd < 0) return fail_open("cannot open /dev/null", errno);
  plan.stdout_fd = AboveStdio(OpenOutput(spec.stdout_path));
  if (plan.stdout_fd < 0) return fail_open("cannot open stdout file " + spec.stdout_path.string(), errno);
  if (!spec.stderr_path.empty() &&
      spec.stderr_path.lexically_normal() == spec.stdout_path.lexically_normal()) {
    // One open file description, like `>f 2>&1`: the two streams interleave, not overwrite.
    plan.stderr_fd = ::fcntl(plan.stdout_fd, F_DUPFD_CLOEXEC, 3);
  } else {
    plan.stderr_fd = AboveStdio(OpenOutput(spec.stderr_path));
  }
  if (plan.stderr_fd < 0) return fail_open("cannot open stderr file " + spec.stderr_path.string(), errno);
  int report[2];
  if (::pipe2(report, O_CLOEXEC) != 0) return fail_open("cannot create pipe", errno);
  // Only the read end is non-blocking (pipe2 would set both): the child's write must not fail.
  ::fcntl(report[0], F_SETFL, O_NONBLOCK);
  report[0] = AboveStdio(report[0]);
  report[1] = AboveStdio(report[1]);
  plan.report_fd = report[1];

  // Block every signal around vfork so no handler of ours runs in the child before ChildMain
  // resets the dispositions; the child unblocks after the reset. vfork, not fork: no page
  // tables are copied and the parent's pages are not write-protected (fork() from a large
  // multithreaded process makes every later write fault), so spawning stays cheap.
  sigset_t all, old;
  sigfillset(&all);
  ::pthread_sigmask(SIG_SETMASK, &all, &old);
  auto start = SteadyClock::now();
  pid_t pid = SpawnChild(&plan);
  int fork_errno = errno;
  ::pthread_sigmask(SIG_SETMASK, &old, nullptr);
  CloseIfOpen(plan.stdin_fd);
  CloseIfOpen(plan.stdout_fd);
  CloseIfOpen(plan.stderr_fd);
  CloseIfOpen(report[1]);
  if (pid < 0) {
    CloseIfOpen(report[0]);
    result.error = std::string("vfork: ") + std::strerror(fork_errno);
    return result;
  }
  // The child puts itself in its own group first thing; doing it from here too means a
  // kill(-pid) right after fork cannot miss (both calls agree; EACCES after exec is fine).
  ::setpgid(pid, pid);
  // Best effort: without the record only a dead cutover's leftovers go unstopped.
  if (!spec.group_file.empty()) (void)WriteProcessGroupRecord(spec.group_file, pid);

  // No separate wait for exec: the loop below waits for the exit only (one wake-up for a
  // short step), and timeout/cancel also cover a child stuck before exec. An exec failure is
  // written into the pipe before the child exits, so it is there to read afterwards.
  ExitWatch watch(pid);
  bool timed_out = false, cancelled = false;
  while (true) {
    int64_t wait_ms = kCancelCheckMs;
    if (spec.timeout_ms > 0) wait_ms = std::min(wait_ms, spec.timeout_ms - MsSince(start));
    if (watch.Wait(std::max<int64_t>(wait_ms, 0))) break;
    if (cancel.cancelled()) {
      cancelled = true;
    } else if (spec.timeout_ms > 0 && MsSince(start) >= spec.timeout_ms) {
      timed_out = true;
    } else {
      continue;
    }
    ::kill(-pid, SIGTERM);
    if (!watch.Wait(std::max<int64_t>(spec.kill_grace_ms, 0))) {
      ::kill(-pid, SIGKILL);
      watch.Wait(-1);
    }
    break;
  }
  int child_report[2] = {0, 0};
  ssize_t n;
  do {
    n = ::read(report[0], child_report, sizeof child_report);  // O_NONBLOCK: never waits
  } while (n < 0 && errno == EINTR);
  CloseIfOpen(report[0]);
  const bool spawn_failed = n == static_cast<ssize_t>(sizeof child_report);

  // The child has exited but is not reaped yet, so `pid` still names only our group. Whatever
  // is left in it (a backgrounded grandchild, a TERM-ignoring helper) must not keep writing
  // into the scratch directory after the step is over: kill it now. Processes that left the
  // group (setsid, setpgid) are out of reach by design.
  ::kill(-pid, SIGKILL);
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  if (!spec.group_file.empty()) ::unlink(spec.group_file.c_str());

  result.wall_ms = MsSince(start);
  result.cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
                  (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
  result.max_rss_kb = usage.ru_maxrss;
  if (spawn_failed) {  // even if we also timed out: the command never ran
    result.end = ProcessEnd::kSpawnFailed;
    result.error = SpawnError(spec, child_report[0], child_report[1]);
    return result;
  }
  result.stderr_tail = ReadTail(spec.stderr_path, spec.stderr_tail_bytes);
  if (WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) result.signal = WTERMSIG(status);
  // `error` stays empty from here on: the caller describes exits, signals and timeouts itself.
  if (timed_out) {
    result.end = ProcessEnd::kTimedOut;
  } else if (cancelled) {
    result.end = ProcessEnd::kCancelled;
  } else if (WIFEXITED(status)) {
    result.end = ProcessEnd::kExited;
  } else {
    result.end = ProcessEnd::kSignaled;
  }
  return result;
}

}  // namespace

std::string_view ToString(ProcessEnd end) {
  switch (end) {
    case ProcessEnd::kExited: return "exited";
    case ProcessEnd::kSignaled: return "signaled";
    case ProcessEnd::kTimedOut: return "timed out";
    case ProcessEnd::kCancelled: return "cancelled";
    case ProcessEnd::kSpawnFailed: return "spawn failed";
    case ProcessEnd::kSchedulerKilled: return "killed by scheduler";
  }
  return "?";
}

std::unique_ptr<ProcessRunner> MakeLocalProcessRunner() {
  return std::make_unique<LocalProcessRunner>();
}

}  // namespace cutover
