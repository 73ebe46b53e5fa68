// Running one implementation as a child process: its own process group, a timeout, resource
// accounting, stdout/stderr to files.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "util/cancel.h"

namespace cutover {

struct ProcessSpec {
  std::vector<std::string> argv;  // argv[0] is looked up on PATH when it has no '/'
  std::filesystem::path cwd;
  std::map<std::string, std::string> env;  // set on top of the inherited environment
  int64_t timeout_ms = 0;                   // 0 = no timeout
  int64_t kill_grace_ms = 2000;             // SIGTERM, then SIGKILL after this long
  std::filesystem::path stdout_path;        // "" = /dev/null
  std::filesystem::path stderr_path;        // "" = /dev/null; the tail is read back from it
  size_t stderr_tail_bytes = 4096;
  // Where a runner that submits the process elsewhere (Slurm) keeps its job files: on a file
  // system the compute nodes share. "" = the runner's default. The local runner ignores it.
  std::filesystem::path job_dir;
  // Local runner: where the child's process group is recorded while it runs (exec/
  // process_group.h), so that a later run can stop what a dead cutover left running. Removed
  // when the group has been killed at the child's exit. "" = not recorded.
  std::filesystem::path group_file;
};

enum class ProcessEnd {
  kExited,       // exit_code is set
  kSignaled,     // killed by a signal not sent by us
  kTimedOut,     // we killed it at timeout_ms
  kCancelled,    // we killed it because the CancelToken was set
  kSpawnFailed,  // could not start: error says why (e.g. "fastqc: No such file or directory")
  kSchedulerKilled,  // a batch scheduler ended it (Slurm: time limit, scancel by someone else,
                     // node failure, preemption, out of memory): error says which
};
std::string_view ToString(ProcessEnd end);

struct ProcessResult {
  ProcessEnd end = ProcessEnd::kSpawnFailed;
  int exit_code = -1;
  int signal = 0;
  int64_t wall_ms = 0;
  int64_t cpu_ms = 0;      // user + system of the child and its waited-for descendants
  int64_t max_rss_kb = 0;  // peak RSS (kB) of the largest process in the tree that was waited for
  std::string stderr_tail;
  std::string error;
  bool succeeded() const { return end == ProcessEnd::kExited && exit_code == 0; }
};

// Runs processes. Run() blocks the calling thread until the child ends; it is safe to call
// from many threads at once. On timeout or cancel, the whole process group is terminated
// (SIGTERM, then SIGKILL), so grandchildren (a shell's pipeline, a JVM) die too. If cutover
// itself dies, the child gets SIGKILL (PR_SET_PDEATHSIG).
//
// The local runner's child: its own process group; stdin /dev/null; stdout/stderr truncated
// files (mode 0644; the same path for both shares one descriptor, like `>f 2>&1`); the
// inherited environment with spec.env on top (a PATH there is the one argv[0] is looked up
// on); default signal dispositions and an empty signal mask whatever the parent set; no
// descriptors but 0, 1, 2. When the child exits, whatever is left in its process group (a
// backgrounded grandchild) is SIGKILLed so nothing keeps writing into the step's directory;
// processes that left the group (setsid) are not tracked. So kill_grace_ms is the time the
// direct child gets after SIGTERM; the rest of the group gets until the child has exited. A token already cancelled when Run()
// is called starts nothing and returns kCancelled. `error` is set only for kSpawnFailed (and
// kSchedulerKilled, which only remote runners return).
class ProcessRunner {
 public:
  virtual ~ProcessRunner() = default;
  virtual ProcessResult Run(const ProcessSpec& spec, const CancelToken& cancel) = 0;
};

std::unique_ptr<ProcessRunner> MakeLocalProcessRunner();

}  // namespace cutover
