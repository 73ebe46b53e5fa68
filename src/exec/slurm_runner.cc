#include "exec/slurm_runner.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <fstream>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "exec/slurm_job.h"
#include "exec/slurm_state.h"
#include "util/file.h"
#include "util/file_tail.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

using SteadyClock = std::chrono::steady_clock;

int64_t MsSince(SteadyClock::time_point t) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(SteadyClock::now() - t).count();
}

// How often a waiting Run() looks at its CancelToken (the latency of Ctrl-C).
constexpr int64_t kCancelCheckMs = 50;

// The last `max_bytes` of a file, from a line start where possible ("" if unreadable).
std::string FileTail(const fs::path& path, size_t max_bytes) {
  if (max_bytes == 0) return "";
  auto tail = ReadFileTail(path, max_bytes);
  return tail.ok() ? std::move(tail->text) : "";
}

// A Slurm job name from the side's environment: cutover.STEP.SAMPLE.SIDE (safe characters).
std::string JobName(const ProcessSpec& spec) {
  std::string name = "cutover";
  for (const char* key : {"CUTOVER_STEP", "CUTOVER_SAMPLE", "CUTOVER_SIDE"}) {
    auto it = spec.env.find(key);
    if (it == spec.env.end()) continue;
    name += '.';
    for (char c : it->second) {
      name += (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-') ? c : '_';
    }
  }
  return name.substr(0, 120);
}

// What one Slurm command said.
struct ToolOutput {
  ProcessResult process;
  std::string out;
  std::string err;
  bool ok() const { return process.succeeded(); }
  // For messages: stderr's last line, else how it ended.
  std::string Why() const {
    std::string last = LastLine(err);
    if (!last.empty()) return last;
    if (!process.error.empty()) return process.error;
    if (process.end == ProcessEnd::kExited) return fmt::format("exit {}", process.exit_code);
    return std::string(ToString(process.end));
  }
};

class SlurmRunner : public ProcessRunner {
 public:
  SlurmRunner(SlurmOptions options, ProcessRunner* tools)
      : options_(std::move(options)), tools_(tools) {}
  ProcessResult Run(const ProcessSpec& spec, const CancelToken& cancel) override;

 private:
  // The state of one submitted job while Run() follows it.
  struct Job {
    SlurmJobFiles files;
    int64_t id = 0;
    SlurmJobState state = SlurmJobState::kPending;
    std::string state_text = "PENDING";
    std::string reason;  // squeue's reason of the last poll (why it is pending)
    bool gone = false;  // squeue no longer knows it (purged after MinJobAge)
    std::optional<SteadyClock::time_point> running_since;
  };

  ToolOutput Tool(const SlurmJobFiles& files, std::vector<std::string> argv) const;
  // One squeue poll. Returns false when squeue itself failed.
  bool Poll(Job& job, std::string* why) const;
  // scancel, then wait until Slurm says the job ended (bounded by cancel_wait_ms).
  void Cancel(Job& job) const;
  std::optional<ProcessResult> ReadResult(const Job& job) const;
  std::optional<SacctJob> Sacct(const Job& job) const;
  ProcessResult Finish(Job& job, const ProcessSpec& spec) const;
  std::vector<std::string> SbatchArgv(const ProcessSpec& spec, const SlurmJobFiles& files) const;
  // sbatch, again after a wait while Slurm answers that a limit on queued jobs is reached.
  // Sets `result` (kCancelled, or kSpawnFailed past the queue limit) when it gives up.
  ToolOutput Submit(const ProcessSpec& spec, const SlurmJobFiles& files,
                    const CancelToken& cancel, ProcessResult* result) const;

  // Constant after construction.
  const SlurmOptions options_;
  ProcessRunner* const tools_;
  // Set once sacct answered that accounting is disabled: not asked again.
  mutable std::atomic<bool> sacct_disabled_{false};
  std::atomic<uint64_t> sequence_{0};
};

ToolOutput SlurmRunner::Tool(const SlurmJobFiles& files, std::vector<std::string> argv) const {
  ProcessSpec spec;
  spec.argv = std::move(argv);
  spec.stdout_path = files.dir / "command.out";
  spec.stderr_path = files.dir / "command.err";
  spec.timeout_ms = options_.command_timeout_ms;
  spec.stderr_tail_bytes = 0;
  CancelToken never;  // a Ctrl-C must not stop the scancel it causes
  ToolOutput out;
  out.process = tools_->Run(spec, never);
  if (auto text = ReadFile(spec.stdout_path); text.ok()) out.out = std::move(text).value();
  if (auto text = ReadFile(spec.stderr_path); text.ok()) out.err = std::move(text).value();
  return out;
}

std::vector<std::string> SlurmRunner::SbatchArgv(const ProcessSpec& spec,
                                                 const SlurmJobFiles& files) const {
  std::vector<std::string> argv = {options_.sbatch, "--parsable",
                                   "--job-name=" + JobName(spec),
                                   "--output=" + files.log().string(),
                                   "--chdir=" + files.dir.string(), "--no-requeue"};
  if (!options_.partition.empty()) argv.push_back("--partition=" + options_.partition);
  if (options_.cpus > 0) argv.push_back(fmt::format("--cpus-per-task={}", options_.cpus));
  if (!options_.mem.empty()) argv.push_back("--mem=" + options_.mem);
  // The wrapper enforces spec.timeout_ms exactly; the job's limit leaves it room to do so.
  int64_t limit = options_.time_limit_ms;
  if (limit <= 0 && spec.timeout_ms > 0) limit = spec.timeout_ms + spec.kill_grace_ms + 60000;
  if (limit > 0) argv.push_back("--time=" + SlurmTimeLimit(limit));
  if (!options_.account.empty()) argv.push_back("--account=" + options_.account);
  if (!options_.qos.empty()) argv.push_back("--qos=" + options_.qos);
  for (const std::string& a : options_.sbatch_args) argv.push_back(a);
  argv.push_back(files.script().string());
  return argv;
}

// "qc s1 (new)" for messages, from the side's environment.
std::string SideName(const ProcessSpec& spec) {
  auto get = [&](const char* key) {
    auto it = spec.env.find(key);
    return it == spec.env.end() ? std::string() : it->second;
  };
  std::string name = get("CUTOVER_STEP") + " " + get("CUTOVER_SAMPLE");
  if (std::string side = get("CUTOVER_SIDE"); !side.empty()) name += " (" + side + ")";
  return std::string(Trim(name));
}

// Sleeps `ms`, waking early when `cancel` is set; false if it was.
bool SleepUnlessCancelled(int64_t ms, const CancelToken& cancel) {
  const auto until = SteadyClock::now() + std::chrono::milliseconds(ms);
  while (!cancel.cancelled()) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - SteadyClock::now());
    if (left.count() <= 0) return true;
    std::this_thread::sleep_for(std::min(left, std::chrono::milliseconds(kCancelCheckMs)));
  }
  return false;
}

ToolOutput SlurmRunner::Submit(const ProcessSpec& spec, const SlurmJobFiles& files,
                               const CancelToken& cancel, ProcessResult* result) const {
  const auto first_try = SteadyClock::now();
  int64_t wait = std::max<int64_t>(1, options_.submit_retry_initial_ms);
  int attempts = 1;
  ToolOutput submitted = Tool(files, SbatchArgv(spec, files));
  while (!submitted.ok() && IsSubmitLimitReached(submitted.err)) {
    const std::string why = submitted.Why();
    if (options_.queue_limit_ms > 0 && MsSince(first_try) + wait > options_.queue_limit_ms) {
      result->end = ProcessEnd::kSpawnFailed;
      result->error = fmt::format(
          "sbatch: {} (a limit on queued jobs; still so after {} tries in {}: executor "
          "queue_limit)",
          why, attempts, FormatDurationMs(MsSince(first_try)));
      return submitted;
    }
    if (options_.note) {
      options_.note(fmt::format("{}: Slurm refused the job for now: {}; submitting again in {} "
                                "(try {})",
                                SideName(spec), why, FormatDurationMs(wait), attempts + 1));
    }
    if (!SleepUnlessCancelled(wait, cancel)) {
      result->end = ProcessEnd::kCancelled;
      return submitted;
    }
    wait = std::max(wait, std::min(options_.submit_retry_max_ms, wait * 2));
    ++attempts;
    submitted = Tool(files, SbatchArgv(spec, files));
  }
  if (!submitted.ok()) {
    result->error = "sbatch: " + submitted.Why();
  } else if (attempts > 1 && options_.note) {
    options_.note(fmt::format("{}: submitted to Slurm at try {}", SideName(spec), attempts));
  }
  return submitted;
}

bool SlurmRunner::Poll(Job& job, std::string* why) const {
  ToolOutput q = Tool(job.files, {options_.squeue, "-h", "-t", "all", "-j", std::to_string(job.id),
                                  "-o", "%i|%T|%r"});
  if (!q.ok()) {
    if (IsUnknownJobError(q.err)) {
      job.gone = true;
      return true;
    }
    *why = "squeue: " + q.Why();
    return false;
  }
  auto line = ParseSqueue(q.out, job.id);
  if (!line.ok()) {
    *why = line.status().message();
    return false;
  }
  if (!line->has_value()) {
    job.gone = true;
    return true;
  }
  job.state = (*line)->state;
  job.state_text = (*line)->state_text;
  job.reason = (*line)->reason;
  if (job.state == SlurmJobState::kRunning && !job.running_since) {
    job.running_since = SteadyClock::now();
  }
  return true;
}

void SlurmRunner::Cancel(Job& job) const {
  Tool(job.files, {options_.scancel, std::to_string(job.id)});
  const auto start = SteadyClock::now();
  while (MsSince(start) < options_.cancel_wait_ms) {
    std::string why;
    if (Poll(job, &why) && (job.gone || IsFinal(job.state))) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(std::min<int64_t>(200, options_.poll_max_ms)));
  }
}

std::optional<ProcessResult> SlurmRunner::ReadResult(const Job& job) const {
  auto text = ReadFile(job.files.result());
  if (!text.ok()) return std::nullopt;
  auto r = ProcessResultFromJson(*text);
  if (!r.ok()) return std::nullopt;
  return std::move(r).value();
}

std::optional<SacctJob> SlurmRunner::Sacct(const Job& job) const {
  if (sacct_disabled_.load()) return std::nullopt;
  ToolOutput a = Tool(job.files, {options_.sacct, "-n", "-P", "-j", std::to_string(job.id),
                                  "--format=JobID,State,ExitCode,ElapsedRaw,TotalCPU,MaxRSS"});
  if (IsAccountingDisabled(a.err) || IsAccountingDisabled(a.out)) {
    sacct_disabled_.store(true);
    return std::nullopt;
  }
  if (!a.ok()) return std::nullopt;
  auto parsed = ParseSacct(a.out, job.id);
  if (!parsed.ok()) return std::nullopt;
  return *parsed;
}

// The job has ended (or vanished): turn what is known into the side's ProcessResult.
ProcessResult SlurmRunner::Finish(Job& job, const ProcessSpec& spec) const {
  std::optional<ProcessResult> measured = ReadResult(job);
  if (job.gone) {  // slurmctld forgot it: the accounting database may still know how it ended
    if (auto acct = Sacct(job)) {
      job.state = acct->state;
      job.state_text = acct->state_text;
    }
  }
  const bool by_scheduler = EndedByScheduler(job.state);
  if (!measured && !by_scheduler) {
    // It ended by itself: the wrapper's result may still be on its way through the shared
    // file system's caches.
    const auto start = SteadyClock::now();
    while (!measured && MsSince(start) < options_.result_grace_ms) {
      std::this_thread::sleep_for(std::chrono::milliseconds(options_.result_check_ms));
      measured = ReadResult(job);
    }
  }
  // The wrapper reports kCancelled when a signal from outside stopped it: Slurm's.
  const bool wrapper_stopped = measured && measured->end == ProcessEnd::kCancelled;
  if (measured && !by_scheduler && !wrapper_stopped) return *measured;

  ProcessResult r;
  if (measured) {
    r = *measured;
  } else if (auto acct = Sacct(job)) {
    r.exit_code = acct->exit_code;
    r.signal = acct->signal;
    r.wall_ms = acct->wall_ms;
    r.cpu_ms = acct->cpu_ms;
    r.max_rss_kb = acct->max_rss_kb;
  } else if (job.running_since) {
    r.wall_ms = MsSince(*job.running_since);
  }
  if (r.stderr_tail.empty()) r.stderr_tail = FileTail(spec.stderr_path, spec.stderr_tail_bytes);
  const std::string log_line = LastLine(FileTail(job.files.log(), 2048));
  if (by_scheduler || wrapper_stopped || job.gone) {
    r.end = ProcessEnd::kSchedulerKilled;
    if (by_scheduler) {
      r.error = fmt::format("Slurm job {} {}", job.id, DescribeSchedulerEnd(job.state));
    } else if (job.gone) {
      r.error = fmt::format("Slurm job {} left the queue without a result (node failure?)", job.id);
    } else {
      r.error = fmt::format("Slurm job {} was stopped by a signal from outside (state {})", job.id,
                            job.state_text);
    }
  } else {
    r.end = ProcessEnd::kSpawnFailed;
    r.error = fmt::format("Slurm job {} ended ({}) without a result from its wrapper", job.id,
                          job.state_text);
  }
  if (!log_line.empty()) r.error += ": " + log_line;
  return r;
}

ProcessResult SlurmRunner::Run(const ProcessSpec& spec, const CancelToken& cancel) {
  ProcessResult result;
  if (spec.argv.empty() || spec.argv[0].empty()) {
    result.error = "empty command";
    return result;
  }
  if (cancel.cancelled()) {
    result.end = ProcessEnd::kCancelled;
    return result;
  }
  Job job;
  job.files.dir = !spec.job_dir.empty()
                      ? spec.job_dir
                      : options_.job_root / fmt::format("{}-{}", ::getpid(), ++sequence_);
  std::error_code ec;
  fs::remove(job.files.result(), ec);
  fs::remove(job.files.job_id(), ec);
  Status written = MakeDirectories(job.files.dir);
  if (written.ok()) written = WriteFileAtomic(job.files.spec(), ProcessSpecToJson(spec));
  if (written.ok() && !options_.submitter.empty()) {
    written = WriteFileAtomic(job.files.submitter(), options_.submitter + "\n");
  }
  if (written.ok()) {
    written = WriteFileAtomic(job.files.script(), SlurmJobScript(options_.self_exe, job.files.dir));
  }
  if (!written.ok()) {
    result.error = "preparing the Slurm job: " + written.message();
    return result;
  }
  ::chmod(job.files.script().c_str(), 0755);

  // The queue limit counts from the first try: waiting to be accepted is waiting in the queue.
  const auto submitted_at = SteadyClock::now();
  ToolOutput submitted = Submit(spec, job.files, cancel, &result);
  if (!submitted.ok()) return result;
  auto id = ParseSbatchJobId(submitted.out);
  if (!id.ok()) {
    result.error = id.status().message();
    return result;
  }
  job.id = *id;
  (void)WriteFileAtomic(job.files.job_id(), std::to_string(job.id) + "\n");

  int64_t poll_wait = std::max<int64_t>(1, options_.poll_initial_ms);
  auto next_poll = SteadyClock::now() + std::chrono::milliseconds(poll_wait);
  auto next_check = SteadyClock::now();
  int poll_failures = 0;
  std::string poll_error;
  bool result_seen = false;  // a failed side's result is there; waiting for Slurm's verdict
  const int64_t overdue_ms =
      spec.timeout_ms > 0 ? spec.timeout_ms + spec.kill_grace_ms + options_.timeout_slack_ms : 0;
  while (true) {
    if (cancel.cancelled()) {
      Cancel(job);
      std::optional<ProcessResult> measured = ReadResult(job);
      result = measured ? *measured : ProcessResult{};
      if (!measured && job.running_since) result.wall_ms = MsSince(*job.running_since);
      result.end = ProcessEnd::kCancelled;
      result.error.clear();
      return result;
    }
    const auto now = SteadyClock::now();
    if (!result_seen && now >= next_check) {
      if (fs::exists(job.files.result(), ec)) {
        std::optional<ProcessResult> measured = ReadResult(job);
        if (measured && measured->succeeded()) return *measured;
        if (measured) {
          // The side failed. Slurm's final state says whether it died of its own accord or by
          // the scheduler's hand (Slurm signals every process of the job, so the side may die of
          // that SIGTERM before the wrapper knows it was signalled): ask squeue now, and until
          // the job ends, at the first backoff step.
          result_seen = true;
          poll_wait = std::max<int64_t>(1, options_.poll_initial_ms);
          next_poll = now;
        }
      }
      next_check = now + std::chrono::milliseconds(options_.result_check_ms);
    }
    if (now >= next_poll) {
      if (Poll(job, &poll_error)) {
        poll_failures = 0;
        if (job.gone || IsFinal(job.state)) return Finish(job, spec);
      } else if (++poll_failures > options_.max_poll_failures) {
        Cancel(job);
        result.end = ProcessEnd::kSpawnFailed;
        result.error = fmt::format("lost track of Slurm job {} ({} failed polls; last: {}); "
                                   "it was cancelled",
                                   job.id, poll_failures, poll_error);
        return result;
      }
      if (!result_seen) poll_wait = std::min<int64_t>(options_.poll_max_ms, poll_wait * 3 / 2 + 1);
      next_poll = now + std::chrono::milliseconds(poll_wait);
    }
    // Still pending at the last poll (and no sign of it having run) past the queue limit.
    if (options_.queue_limit_ms > 0 && !result_seen && !job.running_since &&
        job.state == SlurmJobState::kPending && MsSince(submitted_at) > options_.queue_limit_ms &&
        !fs::exists(job.files.result(), ec)) {
      const std::string reason = job.reason.empty() ? "none given" : job.reason;
      Cancel(job);  // (its polls overwrite the job's state and reason)
      if (std::optional<ProcessResult> measured = ReadResult(job)) return *measured;  // it ran
      result.end = ProcessEnd::kSpawnFailed;
      result.error = fmt::format(
          "Slurm job {} was still waiting in the queue after {} (reason: {}); it was cancelled "
          "(executor queue_limit)",
          job.id, FormatDurationMs(options_.queue_limit_ms), reason);
      return result;
    }
    if (overdue_ms > 0 && job.running_since && MsSince(*job.running_since) > overdue_ms) {
      Cancel(job);
      std::optional<ProcessResult> measured = ReadResult(job);
      result = measured ? *measured : ProcessResult{};
      result.wall_ms = MsSince(*job.running_since);
      result.end = ProcessEnd::kTimedOut;
      result.error.clear();
      return result;
    }
    auto wake = result_seen ? next_poll : std::min(next_poll, next_check);
    int64_t nap = std::chrono::duration_cast<std::chrono::milliseconds>(wake - SteadyClock::now()).count();
    std::this_thread::sleep_for(std::chrono::milliseconds(std::clamp<int64_t>(nap, 1, kCancelCheckMs)));
  }
}

}  // namespace

std::unique_ptr<ProcessRunner> MakeSlurmRunner(SlurmOptions options, ProcessRunner* tools) {
  return std::make_unique<SlurmRunner>(std::move(options), tools);
}

}  // namespace cutover
