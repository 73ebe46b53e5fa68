#include "exec/process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>

#include "util/strings.h"

extern char** environ;  // POSIX: the process environment, read to build the child's

namespace cutover {
namespace {

using SteadyClock = std::chrono::steady_clock;

int64_t MsSince(SteadyClock::time_point start) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - start).count();
}

int PidfdOpen(pid_t pid) { return static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)); }

// Waits until `fd` (a pidfd) is readable (the child exited) or `ms` passed. Returns true when
// the child exited.
bool WaitReadable(int fd, int64_t ms) {
  pollfd p{fd, POLLIN, 0};
  int r = ::poll(&p, 1, static_cast<int>(std::max<int64_t>(0, ms)));
  return r > 0;
}

// Everything the child needs, prepared before vfork(): the child may only make system calls.
struct ChildPlan {
  std::vector<std::string> env_storage;
  std::vector<char*> argv;
  std::vector<char*> envp;
};

ChildPlan Prepare(const ProcessSpec& spec, std::vector<std::string>& argv_storage) {
  ChildPlan plan;
  for (std::string& a : argv_storage) plan.argv.push_back(a.data());
  plan.argv.push_back(nullptr);
  for (char** e = environ; e && *e; ++e) {
    std::string_view kv(*e);
    std::string key(kv.substr(0, kv.find('=')));
    if (!spec.env.count(key)) plan.env_storage.emplace_back(kv);
  }
  for (const auto& [k, v] : spec.env) plan.env_storage.push_back(k + "=" + v);
  for (std::string& s : plan.env_storage) plan.envp.push_back(s.data());
  plan.envp.push_back(nullptr);
  return plan;
}

// Runs in the child; never returns. Reports an exec failure's errno through `err_fd`.
[[noreturn]] void ChildMain(const ProcessSpec& spec, const ChildPlan& plan, int out_fd, int err_fd_log,
                            int report_fd, pid_t parent) {
  ::setpgid(0, 0);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(127);  // the parent died before prctl
  sigset_t none;
  sigemptyset(&none);
  ::sigprocmask(SIG_SETMASK, &none, nullptr);
  for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGUSR1, SIGPIPE, SIGQUIT}) ::signal(sig, SIG_DFL);
  int in_fd = ::open("/dev/null", O_RDONLY);
  int stage = 0;
  if (in_fd < 0 || ::dup2(in_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 || ::dup2(err_fd_log, 2) < 0) {
    stage = 1;
  } else if (!spec.cwd.empty() && ::chdir(spec.cwd.c_str()) != 0) {
    stage = 2;
  }
  if (stage == 0) {
    ::execvpe(plan.argv[0], plan.argv.data(), plan.envp.data());
    stage = 3;
  }
  int report[2] = {stage, errno};
  ssize_t ignored = ::write(report_fd, report, sizeof report);
  (void)ignored;
  ::_exit(127);
}

// Kept out of line so the vfork child never returns into a frame the parent still uses.
__attribute__((noinline)) pid_t SpawnChild(const ProcessSpec* spec, const ChildPlan* plan,
                                           int out_fd, int err_fd, int report_fd, pid_t parent) {
  pid_t pid = ::vfork();
  if (pid == 0) ChildMain(*spec, *plan, out_fd, err_fd, report_fd, parent);
  return pid;
}

int OpenOutput(const std::filesystem::path& path) {
  if (path.empty()) return ::open("/dev/null", O_WRONLY | O_CLOEXEC);
  return ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
}

std::string ReadTail(const std::filesystem::path& path, size_t max_bytes) {
  if (path.empty() || max_bytes == 0) return "";
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) return "";
  std::streamoff size = in.tellg();
  // Read a little more than asked so TailBytes can cut at a line start.
  std::streamoff want = std::min<std::streamoff>(size, static_cast<std::streamoff>(max_bytes) + 256);
  in.seekg(size - want);
  std::string buf(static_cast<size_t>(want), '\0');
  in.read(buf.data(), want);
  return TailBytes(buf, max_bytes);
}

class LocalProcessRunner : public ProcessRunner {
 public:
  ProcessResult Run(const ProcessSpec& spec, const CancelToken& cancel) override;
};

ProcessResult LocalProcessRunner::Run(const ProcessSpec& spec, const CancelToken& cancel) {
  ProcessResult result;
  if (spec.argv.empty()) {
    result.error = "empty command";
    return result;
  }
  std::vector<std::string> argv_storage = spec.argv;
  ChildPlan plan = Prepare(spec, argv_storage);
  int out_fd = OpenOutput(spec.stdout_path);
  int err_fd = OpenOutput(spec.stderr_path);
  int report[2];
  if (out_fd < 0 || err_fd < 0 || ::pipe2(report, O_CLOEXEC) != 0) {
    result.error = std::string("cannot open output files: ") + std::strerror(errno);
    if (out_fd >= 0) ::close(out_fd);
    if (err_fd >= 0) ::close(err_fd);
    return result;
  }
  auto start = SteadyClock::now();
  pid_t parent = ::getpid();
  // vfork: the child borrows the parent's memory until exec, so no page tables are copied and
  // the parent's pages are not write-protected (fork() from a large multithreaded process makes
  // every later write fault). The child only makes system calls on prepared data, then execs.
  pid_t pid = SpawnChild(&spec, &plan, out_fd, err_fd, report[1], parent);
  int fork_errno = errno;
  ::close(out_fd);
  ::close(err_fd);
  ::close(report[1]);
  if (pid < 0) {
    ::close(report[0]);
    result.error = std::string("fork: ") + std::strerror(fork_errno);
    return result;
  }
  // The child is in its own group from its first instruction on; set it from here too so a
  // kill(-pid) right away cannot miss (whichever setpgid runs first wins, both agree).
  ::setpgid(pid, pid);

  int child_report[2] = {0, 0};
  ssize_t n = ::read(report[0], child_report, sizeof child_report);  // EOF on successful exec
  ::close(report[0]);
  bool spawn_failed = n == static_cast<ssize_t>(sizeof child_report);

  int pidfd = PidfdOpen(pid);
  bool exited = spawn_failed;
  bool timed_out = false, cancelled = false;
  constexpr int64_t kCancelPollMs = 50;
  while (!exited && pidfd >= 0) {
    int64_t wait_ms = kCancelPollMs;
    if (spec.timeout_ms > 0) wait_ms = std::min(wait_ms, spec.timeout_ms - MsSince(start));
    if (WaitReadable(pidfd, wait_ms)) {
      exited = true;
      break;
    }
    if (cancel.cancelled()) {
      cancelled = true;
    } else if (spec.timeout_ms > 0 && MsSince(start) >= spec.timeout_ms) {
      timed_out = true;
    } else {
      continue;
    }
    ::kill(-pid, SIGTERM);
    if (!WaitReadable(pidfd, spec.kill_grace_ms)) ::kill(-pid, SIGKILL);
    exited = true;
  }
  int status = 0;
  rusage usage{};
  while (::wait4(pid, &status, 0, &usage) < 0 && errno == EINTR) {
  }
  // Leftover members of the group (a backgrounded grandchild) must not keep writing into the
  // scratch folder after the step is over.
  ::kill(-pid, SIGKILL);
  if (pidfd >= 0) ::close(pidfd);

  result.wall_ms = MsSince(start);
  result.cpu_ms = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000 +
                  (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000;
  result.max_rss_kb = usage.ru_maxrss;
  result.stderr_tail = ReadTail(spec.stderr_path, spec.stderr_tail_bytes);
  if (spawn_failed) {
    result.end = ProcessEnd::kSpawnFailed;
    int stage = child_report[0], err = child_report[1];
    if (stage == 2) {
      result.error = "cannot enter " + spec.cwd.string() + ": " + std::strerror(err);
    } else if (stage == 3 && err == ENOENT) {
      result.error = spec.argv[0] + ": command not found";
    } else if (stage == 3) {
      result.error = "cannot execute " + spec.argv[0] + ": " + std::strerror(err);
    } else {
      result.error = std::string("cannot redirect standard streams: ") + std::strerror(err);
    }
  } else if (timed_out) {
    result.end = ProcessEnd::kTimedOut;
  } else if (cancelled) {
    result.end = ProcessEnd::kCancelled;
  } else if (WIFEXITED(status)) {
    result.end = ProcessEnd::kExited;
    result.exit_code = WEXITSTATUS(status);
  } else if (WIFSIGNALED(status)) {
    result.end = ProcessEnd::kSignaled;
    result.signal = WTERMSIG(status);
  }
  if (timed_out || cancelled) {
    result.signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
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
  }
  return "?";
}

std::unique_ptr<ProcessRunner> MakeLocalProcessRunner() {
  return std::make_unique<LocalProcessRunner>();
}

}  // namespace cutover
