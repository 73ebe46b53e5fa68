// Executing one step for one sample through the routing layer: read the route once, run the
// serving side (and the shadow side concurrently), publish the serving side's outputs
// atomically, fall back to legacy when the new side fails, compare the two sides, and record
// everything in the ledger.
#pragma once

#include <condition_variable>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "run/context.h"
#include "run/implementation_identity.h"
#include "run/side_runner.h"
#include "run/task_runner.h"
#include "util/status.h"

namespace cutover {

// Thread-safe: Execute() may run on many threads at once. Destroying the executor waits for
// background shadow work (call WaitForShadows() first to control when).
class TaskExecutor : public TaskRunner {
 public:
  // `ctx.rules` holds every step's comparators (built once with the project).
  static Result<std::unique_ptr<TaskExecutor>> Create(const RunContext& ctx, int64_t run_id);
  ~TaskExecutor() override;
  TaskExecutor(const TaskExecutor&) = delete;
  TaskExecutor& operator=(const TaskExecutor&) = delete;

  // Returns once the serving side has published (or the task failed). A shadow side may still
  // be running; its comparison is recorded in the background and holds the task's lock.
  TaskResult Execute(const TaskRequest& request) override;

  // Replays `original` (a recorded task of request.step for request.sample): checks that every
  // input still has the digest recorded then (kFailed naming the changed input otherwise),
  // runs both sides concurrently in fresh scratch folders, compares every output and records
  // it all as a new task of purpose kReplay (status kCompared). Publishes nothing and takes
  // no lock: the live outputs are not touched. result.task_id is the replay's task.
  Result<TaskResult> Replay(const TaskRequest& request, const TaskRecord& original);

  // Waits for every background shadow side and comparison to finish.
  void WaitForShadows() override;

  // At most `max_running` shadow sides (with their comparisons) at once; 0 = no limit (the
  // default). Execute() waits for one to end before it starts another. `cutover run -j N`
  // sets N, so that a run has at most 2N processes (or Slurm jobs) at once: N serving sides
  // and N shadows.
  void LimitShadows(int max_running);

 private:
  struct TaskState;
  struct ShadowRun;
  TaskExecutor(const RunContext& ctx, int64_t run_id)
      : ctx_(ctx),
        run_id_(run_id),
        sides_(ctx_),
        identities_(std::make_unique<IdentityCache>(ctx_.pipeline->root, ctx_.self_exe,
                                                    MakeShellVersionSource(ctx_.state_dir))) {}
  // The identities of the sides the plan may run (serving, shadow, legacy fallback), into
  // task.identities, and their part of the fingerprint; an error when one cannot be computed.
  Result<std::string> IdentifySides(TaskState& task);
  // The first time this run meets an identity of a side (or of the step's `compare:`): recorded
  // as a change, and announced, when the ledger's current one differs
  // (run/implementation_drift.h).
  Status NoteDrift(const Step& step, ChangeSubject subject, const ImplementationIdentity& id);

  // The phases of Execute, in order. Each returns the task's result when it ends the task.
  // Resolve: the task's paths.
  std::optional<TaskResult> Resolve(const TaskRequest& request, TaskState& task);
  // Claim: its (step, sample) lock.
  std::optional<TaskResult> Claim(const TaskRequest& request, TaskState& task);
  // Look: the route, the execution plan, the inputs' digests (those of files unchanged since
  // the previous look reused) and the fingerprint. Done once without the lock (to skip an
  // up-to-date task cheaply) and again under it, which decides.
  std::optional<TaskResult> Look(TaskState& task);
  // kSkipped when the published outputs are those the look's fingerprint would publish.
  std::optional<TaskResult> UpToDate(const TaskState& task);
  // Begin: the task's record; a task whose inputs could not be read ends here, failed.
  std::optional<TaskResult> Begin(TaskState& task);
  // The shadow side on its own thread; it compares once the serving side is handed over.
  void StartShadow(const std::shared_ptr<TaskState>& state, ShadowRun& shadow);
  // The serving side, then legacy in its place when new fails (the legacy shadow's outcome
  // when it runs anyway); returns the side that may publish, if any. Rolls back the route
  // when new keeps failing.
  std::optional<SideOutcome> Serve(TaskState& task, const SideOutcome& serving,
                                   ShadowRun& shadow);
  // Publish what was served and record how the task ended.
  TaskResult Conclude(TaskState& task, const SideOutcome& serving,
                      const std::optional<SideOutcome>& served);

  SideOutcome RunSide(TaskState& task, Side side, Role role);
  Status Publish(TaskState& task, const SideOutcome& side);
  void RecordTaskEnd(TaskState& task, TaskStatus status, std::string error);
  void MaybeRollBack(const Step& step, const std::string& sample, const std::string& why);
  void Finish(TaskState& task);

  // Constant after construction.
  const RunContext ctx_;
  const int64_t run_id_;
  const SideRunner sides_;  // uses ctx_
  const std::unique_ptr<IdentityCache> identities_;  // thread-safe itself

  // Guarded by drift_mu_: the identities already checked by this run (step, side, digest).
  std::mutex drift_mu_;
  std::set<std::string> drift_checked_;
  int64_t run_started_ms_ = 0;  // read from the ledger at the first check

  // Guarded by mu_.
  std::mutex mu_;
  std::set<int64_t> active_tasks_;

  // A shadow's thread; `done` once it no longer touches anything of the executor's.
  struct ShadowThread {
    std::thread thread;
    bool done = false;  // guarded by shadow_mu_
  };
  // Guarded by shadow_mu_.
  std::mutex shadow_mu_;
  std::condition_variable shadow_done_;  // a shadow ended
  std::list<ShadowThread> shadows_;      // a list: a running thread keeps a reference to its node
  int running_shadows_ = 0;
  int max_shadows_ = 0;
};

}  // namespace cutover
