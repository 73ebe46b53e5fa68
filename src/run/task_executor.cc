#include "run/task_executor.h"

#include <sys/stat.h>
#include <unistd.h>

#include <future>

#include <fmt/format.h>

#include "evidence/route_change.h"
#include "pipeline/step_paths.h"
#include "run/compare_identity.h"
#include "run/fingerprint.h"
#include "run/implementation_drift.h"
#include "run/scratch.h"
#include "run/side_comparison.h"
#include "util/file.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;

// Everything about one task, shared by Execute() and its background shadow thread.
struct TaskExecutor::TaskState {
  const Step* step = nullptr;
  const Sample* sample = nullptr;
  std::string sample_name;
  StepPaths paths;
  ExecutionPlan plan;
  TaskRecord record;
  std::map<Side, ImplementationIdentity> identities;  // Look: the sides that may run
  InputDigests inputs;             // Look: the inputs' digests and their files' states
  Status inputs_read;              // Look: why the inputs could not be digested
  std::unique_ptr<TaskLock> lock;  // held until the shadow side is compared
};

// The shadow side of a task: its outcome, shared with the serving thread (a canary fallback
// may serve the legacy shadow's outputs), and the serving side handed to it for comparison.
struct TaskExecutor::ShadowRun {
  bool running = false;
  std::shared_future<SideOutcome> outcome;
  std::promise<std::optional<SideOutcome>> serving_done;
};

namespace {

int64_t MtimeNs(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return -1;
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

// Whether every output of `published` is still on disk as it was published (size, mtime).
bool StillPublished(const PublishedRecord& published, const fs::path& root) {
  for (const PublishedOutput& o : published.outputs) {
    fs::path p = root / o.path;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec) || static_cast<int64_t>(fs::file_size(p, ec)) != o.size ||
        MtimeNs(p) != o.mtime_ns) {
      return false;
    }
  }
  return true;
}

TaskResult Ended(TaskResultKind kind, std::string message, int64_t task_id = 0) {
  TaskResult r;
  r.kind = kind;
  r.message = std::move(message);
  r.task_id = task_id;
  return r;
}

}  // namespace

Result<std::unique_ptr<TaskExecutor>> TaskExecutor::Create(const RunContext& ctx,
                                                           int64_t run_id) {
  if (ctx.rules == nullptr || ctx.pipeline == nullptr) {
    return Status::Internal("a task executor needs the pipeline and its rules");
  }
  return std::unique_ptr<TaskExecutor>(new TaskExecutor(ctx, run_id));
}

TaskExecutor::~TaskExecutor() { WaitForShadows(); }

void TaskExecutor::WaitForShadows() {
  while (true) {
    std::list<ShadowThread> threads;
    {
      std::lock_guard<std::mutex> lock(shadow_mu_);
      threads.swap(shadows_);
    }
    if (threads.empty()) return;
    // Each thread marks its node done (and counts itself out) before it ends; the nodes go
    // with `threads`.
    for (ShadowThread& t : threads) t.thread.join();
  }
}

void TaskExecutor::LimitShadows(int max_running) {
  std::lock_guard<std::mutex> lock(shadow_mu_);
  max_shadows_ = max_running;
}

SideOutcome TaskExecutor::RunSide(TaskState& task, Side side, Role role) {
  SideJob job;
  job.step = task.step;
  job.sample = task.sample;
  job.paths = &task.paths;
  job.side = side;
  job.role = role;
  job.layout = MakeSideLayout(ctx_.ScratchDir() / task.step->name, task.record.id, side,
                              task.paths);
  if (auto id = task.identities.find(side); id != task.identities.end()) {
    job.impl_digest = id->second.digest;
  }
  return sides_.RunRecorded(job, task.record.id, task.record.purpose);
}

Status TaskExecutor::NoteDrift(const Step& step, ChangeSubject subject,
                               const ImplementationIdentity& id) {
  if (subject != ChangeSubject::kCompare &&
      IdentityIsPerSample(subject == ChangeSubject::kNew ? *step.new_impl : step.legacy)) {
    return Status::Ok();
  }
  std::lock_guard<std::mutex> lock(drift_mu_);
  const std::string key = step.name + "\n" + std::string(ToString(subject)) + "\n" + id.digest;
  if (!drift_checked_.insert(key).second) return Status::Ok();
  // Dated at the run's start: every task of this run runs this identity (identities are read
  // once per run), including those that started before this one got here.
  if (run_started_ms_ == 0) {
    auto run = ctx_.ledger->GetRun(run_id_);
    run_started_ms_ = run.ok() ? run->started_ms : ctx_.clock->NowMs();
  }
  CUTOVER_ASSIGN_OR_RETURN(std::string announcement,
                           RecordImplementationDrift(*ctx_.ledger, step.name, subject, id, run_id_,
                                                     run_started_ms_));
  if (!announcement.empty()) ctx_.progress->Note(announcement);
  return Status::Ok();
}

Result<std::string> TaskExecutor::IdentifySides(TaskState& task) {
  std::string extra;
  auto identify = [&](Side side, bool in_fingerprint) -> Status {
    CUTOVER_ASSIGN_OR_RETURN(ImplementationIdentity id,
                             identities_->Get(*task.step, side, task.sample));
    CUTOVER_RETURN_IF_ERROR(NoteDrift(*task.step, SubjectOf(side), id));
    if (in_fingerprint) extra += id.FingerprintExtra();
    task.identities[side] = std::move(id);
    return Status::Ok();
  };
  CUTOVER_RETURN_IF_ERROR(identify(task.plan.serving, true));
  if (task.plan.run_shadow) {
    CUTOVER_RETURN_IF_ERROR(identify(Other(task.plan.serving), true));
    // The sides will be compared: the way they are compared may have changed too.
    CUTOVER_RETURN_IF_ERROR(
        NoteDrift(*task.step, ChangeSubject::kCompare, CompareIdentityOf(*task.step)));
  }
  if (task.plan.legacy_fallback && !task.identities.count(Side::kLegacy)) {
    CUTOVER_RETURN_IF_ERROR(identify(Side::kLegacy, false));
  }
  return extra;
}

Status TaskExecutor::Publish(TaskState& task, const SideOutcome& side) {
  // A lock lost meanwhile (PostgreSQL: the session ended and another process took it) means
  // someone else may be running this (step, sample): leave the outputs to them.
  CUTOVER_RETURN_IF_ERROR(task.lock->Check());
  // Nothing is published that the ledger cannot record (a deleted ledger file records nowhere).
  CUTOVER_RETURN_IF_ERROR(ctx_.ledger->CheckIntact());
  PublishedRecord pub;
  pub.step = task.step->name;
  pub.sample = task.sample_name;
  pub.task_id = task.record.id;
  pub.fingerprint = task.record.fingerprint;
  const fs::path& root = ctx_.pipeline->root;
  // All or nothing as far as the file system allows: every output is copied beside its
  // destination first (the step that runs out of space), then all are renamed into place. A
  // failed copy leaves the published outputs as they were and no temporary file behind.
  std::vector<StagedFile> staged;
  for (const OutputRecord& o : side.record.outputs) {
    Result<fs::path> source = ResolveWithin(side.layout.outputs.at(o.name), side.layout.work_dir);
    Result<StagedFile> copy =
        source.ok() ? StageCopy(*source, root / o.path) : Result<StagedFile>(source.status());
    if (!copy.ok()) {
      DiscardStaged(staged);
      return copy.status().WithContext(
          fmt::format("publishing output {} (no output of this task was replaced)", o.name));
    }
    staged.push_back(std::move(*copy));
  }
  CUTOVER_RETURN_IF_ERROR(CommitStaged(staged));
  for (const OutputRecord& o : side.record.outputs) {
    pub.outputs.push_back({o.name, o.path, o.size, MtimeNs(root / o.path), o.digest});
  }
  pub.at_ms = ctx_.clock->NowMs();
  return ctx_.ledger->RecordPublished(pub);
}

void TaskExecutor::RecordTaskEnd(TaskState& task, TaskStatus status, std::string error) {
  TaskRecord& rec = task.record;
  rec.status = status;
  rec.error = std::move(error);
  rec.finished_ms = ctx_.clock->NowMs();
  Status s = ctx_.ledger->FinishTask(rec);
  if (!s.ok()) ctx_.progress->Note("warning: could not record task: " + s.ToString());
}

void TaskExecutor::MaybeRollBack(const Step& step, const std::string& sample,
                                 const std::string& why) {
  std::lock_guard<std::mutex> lock(mu_);  // one rollback decision at a time in this process
  auto done = cutover::RollBackIfFailing(*ctx_.ledger, step, sample, why, ctx_.clock->NowMs());
  if (!done.ok()) {
    ctx_.progress->Note("warning: automatic rollback failed: " + done.status().ToString());
  } else if (done->has_value()) {
    ctx_.progress->Note(fmt::format("ROLLBACK {}: {}", step.name, (*done)->reason));
  }
}

void TaskExecutor::Finish(TaskState& task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    active_tasks_.erase(task.record.id);
  }
  CleanScratch(ctx_, *task.step, [this] {
    std::lock_guard<std::mutex> lock(mu_);
    return active_tasks_;
  });
}

std::optional<TaskResult> TaskExecutor::Resolve(const TaskRequest& req, TaskState& task) {
  const Step& step = *req.step;
  task.step = &step;
  task.sample = req.sample;
  task.sample_name = req.sample ? req.sample->name : std::string(kAllSamples);
  auto paths = ResolveStepPaths(*ctx_.pipeline, step, req.sample);
  if (!paths.ok()) return Ended(TaskResultKind::kFailed, paths.status().message());
  task.paths = std::move(paths).value();
  return std::nullopt;
}

std::optional<TaskResult> TaskExecutor::Claim(const TaskRequest& req, TaskState& task) {
  const Step& step = *task.step;
  // One execution of (step, sample) at a time, across processes (and machines, with
  // PostgreSQL): the locks that go with the ledger.
  std::string owner = fmt::format("pid {} on {} (user {}), {}/{} since {}", ::getpid(), ctx_.host,
                                  ctx_.user, step.name, task.sample_name,
                                  FormatUtc(ctx_.clock->NowMs()));
  if (req.wait_for_lock) {
    auto lock = ctx_.task_locks->Acquire(
        step.name, task.sample_name, owner, *ctx_.cancel, [&](const std::string& holder) {
          ctx_.progress->Note(fmt::format("{} {}: waiting for the lock held by {}", step.name,
                                          task.sample_name, holder));
        });
    if (!lock.ok()) {
      return Ended(lock.status().code() == StatusCode::kCancelled ? TaskResultKind::kInterrupted
                                                                  : TaskResultKind::kFailed,
                   lock.status().message());
    }
    task.lock = std::move(lock).value();
    return std::nullopt;
  }
  std::string holder;
  auto lock = ctx_.task_locks->TryAcquire(step.name, task.sample_name, owner, &holder);
  if (!lock.ok()) return Ended(TaskResultKind::kFailed, lock.status().message());
  if (!*lock) {
    return Ended(TaskResultKind::kBusy, fmt::format("{} {} is being executed by {}", step.name,
                                                    task.sample_name, holder));
  }
  task.lock = std::move(lock).value();
  return std::nullopt;
}

std::optional<TaskResult> TaskExecutor::Look(TaskState& task) {
  const Step& step = *task.step;
  // The route is read exactly once for the execution (this look under the lock): a change
  // made from now on applies to later executions.
  auto route = ctx_.ledger->GetRoute(step.name);
  if (!route.ok()) return Ended(TaskResultKind::kFailed, route.status().ToString());
  task.plan = PlanExecution(*route, step.new_impl.has_value(), step.name, task.sample_name);

  TaskRecord& rec = task.record;
  rec.run_id = run_id_;
  rec.step = step.name;
  rec.sample = task.sample_name;
  rec.route = *route;
  rec.serving = task.plan.serving;
  rec.started_ms = ctx_.clock->NowMs();
  task.inputs_read = Status::Ok();
  task.identities.clear();
  auto inputs = DigestInputsReusing(step, task.paths,
                                    task.inputs.records.empty() ? nullptr : &task.inputs);
  if (!inputs.ok()) {  // a missing or unreadable input: recorded as the task's failure
    task.inputs_read = inputs.status();
    task.inputs = {};
    return std::nullopt;
  }
  task.inputs = std::move(inputs).value();
  rec.inputs = task.inputs.records;
  auto identity = IdentifySides(task);
  if (!identity.ok()) return Ended(TaskResultKind::kFailed, identity.status().message());
  rec.fingerprint = TaskFingerprint(step, task.sample, task.paths, rec.inputs, task.plan,
                                    ctx_.pipeline->root, *identity);
  return std::nullopt;
}

std::optional<TaskResult> TaskExecutor::UpToDate(const TaskState& task) {
  if (!task.inputs_read.ok()) return std::nullopt;
  auto published = ctx_.ledger->GetPublished(task.step->name, task.sample_name);
  if (published.ok() && published->has_value() &&
      (*published)->fingerprint == task.record.fingerprint &&
      StillPublished(**published, ctx_.pipeline->root)) {
    return Ended(TaskResultKind::kSkipped, "up to date", (*published)->task_id);
  }
  return std::nullopt;
}

std::optional<TaskResult> TaskExecutor::Begin(TaskState& task) {
  TaskRecord& rec = task.record;
  auto begun = ctx_.ledger->BeginTask(rec);
  if (!begun.ok()) return Ended(TaskResultKind::kFailed, "ledger: " + begun.status().ToString());
  rec.id = *begun;
  {
    std::lock_guard<std::mutex> lock(mu_);
    active_tasks_.insert(rec.id);
  }
  if (task.inputs_read.ok()) return std::nullopt;
  RecordTaskEnd(task, TaskStatus::kFailed, task.inputs_read.message());
  Finish(task);
  return Ended(TaskResultKind::kFailed, rec.error, rec.id);
}

void TaskExecutor::StartShadow(const std::shared_ptr<TaskState>& state, ShadowRun& shadow) {
  shadow.running = true;
  auto run = std::make_shared<std::packaged_task<SideOutcome()>>(
      [this, state, side = Other(state->plan.serving)] {
        return RunSide(*state, side, Role::kShadow);
      });
  shadow.outcome = run->get_future().share();
  std::unique_lock<std::mutex> lock(shadow_mu_);
  // At most max_shadows_ at once (a shadow that outlives its task would otherwise let the
  // processes, or Slurm jobs, of a run grow past -j), and the threads that ended joined: a
  // cohort of 100,000 shadow tasks must not keep 100,000 ended threads (and their stacks).
  shadow_done_.wait(lock, [&] { return max_shadows_ <= 0 || running_shadows_ < max_shadows_; });
  for (auto it = shadows_.begin(); it != shadows_.end();) {
    if (!it->done) {
      ++it;
      continue;
    }
    it->thread.join();  // it has ended or is ending: it no longer needs shadow_mu_
    it = shadows_.erase(it);
  }
  ++running_shadows_;
  ShadowThread& slot = shadows_.emplace_back();
  slot.thread = std::thread([this, state, run, outcome = shadow.outcome, &slot,
                             serving_future = shadow.serving_done.get_future()]() mutable {
    (*run)();
    const SideOutcome& shadow_side = outcome.get();
    std::optional<SideOutcome> serving_side = serving_future.get();
    if (serving_side && serving_side->succeeded() && shadow_side.succeeded()) {
      bool legacy_serves = serving_side->record.side == Side::kLegacy;
      CompareSides(ctx_, *state->step, state->paths, state->record,
                   legacy_serves ? *serving_side : shadow_side,
                   legacy_serves ? shadow_side : *serving_side);
    } else if (!shadow_side.succeeded() && !ctx_.cancel->cancelled()) {
      ctx_.progress->Note(fmt::format("{} {}: shadow side ({}) {}; {}not fatal",
                                      state->step->name, state->sample_name,
                                      ToString(shadow_side.record.side),
                                      DescribeOutcome(shadow_side),
                                      shadow_side.recorded.ok() ? "recorded, " : ""));
    }
    state->lock.reset();
    Finish(*state);
    std::lock_guard<std::mutex> done(shadow_mu_);
    slot.done = true;  // the last use of the slot: it may be joined and erased from now on
    --running_shadows_;
    shadow_done_.notify_all();
  });
}

std::optional<SideOutcome> TaskExecutor::Serve(TaskState& task, const SideOutcome& serving,
                                               ShadowRun& shadow) {
  if (serving.succeeded()) return serving;
  if (serving.record.side != Side::kNew || ctx_.cancel->cancelled()) return std::nullopt;
  const Step& step = *task.step;
  const std::string why = DescribeOutcome(serving);
  std::optional<SideOutcome> served;
  if (task.plan.legacy_fallback) {
    task.record.fallback = true;
    if (shadow.running) {
      const SideOutcome& legacy = shadow.outcome.get();  // the legacy shadow is already running
      if (legacy.succeeded()) served = legacy;
    } else {
      SideOutcome legacy = RunSide(task, Side::kLegacy, Role::kFallback);
      if (legacy.succeeded()) served = std::move(legacy);
    }
    ctx_.progress->Note(fmt::format("{} {}: new side failed ({}); legacy {}", step.name,
                                    task.sample_name, why,
                                    served ? "served instead (fallback)" : "failed too"));
  }
  MaybeRollBack(step, task.sample_name, why);
  return served;
}

TaskResult TaskExecutor::Conclude(TaskState& task, const SideOutcome& serving,
                                  const std::optional<SideOutcome>& served) {
  TaskRecord& rec = task.record;
  TaskResult result;
  result.task_id = rec.id;
  // The time of the side whose outputs were published: legacy's for a fallback.
  result.serving_wall_ms = served ? served->record.wall_ms : serving.record.wall_ms;
  Status published = served ? Publish(task, *served) : Status::Failed("");
  if (served && published.ok()) {
    rec.served_by = served->record.side;
    RecordTaskEnd(task, TaskStatus::kPublished, "");
    result.kind = TaskResultKind::kPublished;
    result.served_by = rec.served_by;
    result.fallback = rec.fallback;
    return result;
  }
  if (ctx_.cancel->cancelled()) {
    RecordTaskEnd(task, TaskStatus::kInterrupted, "interrupted");
    result.kind = TaskResultKind::kInterrupted;
    result.message = "interrupted";
    return result;
  }
  std::string error =
      served ? "publishing failed: " + published.message()
      : !serving.recorded.ok()
          ? fmt::format("{} side ran but could not be recorded ({}); not published",
                        ToString(serving.record.side), serving.recorded.message())
          : fmt::format("{} side {}", ToString(serving.record.side),
                        DescribeOutcome(serving));
  if (rec.fallback && !served) error += "; legacy fallback failed too";
  RecordTaskEnd(task, TaskStatus::kFailed, error);
  result.kind = TaskResultKind::kFailed;
  result.message = error;
  return result;
}

TaskResult TaskExecutor::Execute(const TaskRequest& req) {
  auto state = std::make_shared<TaskState>();
  TaskState& task = *state;
  if (auto ended = Resolve(req, task)) return *ended;
  if (!req.force) {
    // A first look without the lock: a task that is up to date is skipped without taking it
    // (a re-run of a cohort where everything is done costs no lock file per task). Only a
    // consistent state is judged up to date (the ledger's published record and the files it
    // names agree); anything else, an error included, is decided again under the lock.
    if (!Look(task)) {
      if (auto skipped = UpToDate(task)) return *skipped;
    }
  }
  if (auto ended = Claim(req, task)) return *ended;
  if (auto ended = Look(task)) return *ended;
  if (!req.force) {
    if (auto skipped = UpToDate(task)) return *skipped;
  }
  if (auto ended = Begin(task)) return *ended;

  ShadowRun shadow;
  if (task.plan.run_shadow) StartShadow(state, shadow);
  SideOutcome serving = RunSide(task, task.plan.serving, Role::kServing);
  std::optional<SideOutcome> served = Serve(task, serving, shadow);
  TaskResult result = Conclude(task, serving, served);

  if (shadow.running) {
    // The shadow thread compares, releases the lock and cleans up.
    shadow.serving_done.set_value(std::optional<SideOutcome>(serving));
  } else {
    task.lock.reset();
    Finish(task);
  }
  return result;
}

Result<TaskResult> TaskExecutor::Replay(const TaskRequest& req, const TaskRecord& original) {
  const Step& step = *req.step;
  if (!step.new_impl) {
    return Status::InvalidArgument(
        fmt::format("step {} has no `new:` implementation: there is nothing to replay against",
                    step.name));
  }
  TaskState task;
  task.step = &step;
  task.sample = req.sample;
  task.sample_name = req.sample ? req.sample->name : std::string(kAllSamples);
  CUTOVER_ASSIGN_OR_RETURN(task.paths, ResolveStepPaths(*ctx_.pipeline, step, req.sample));
  CUTOVER_ASSIGN_OR_RETURN(std::vector<InputRecord> now, DigestInputs(step, task.paths));
  CUTOVER_RETURN_IF_ERROR(CheckSameInputs(step, original, now));

  TaskRecord& rec = task.record;
  rec.run_id = run_id_;
  rec.step = step.name;
  rec.sample = task.sample_name;
  rec.route = original.route;
  rec.serving = Side::kLegacy;
  rec.purpose = TaskPurpose::kReplay;
  rec.replay_of = original.id;
  rec.inputs = now;
  rec.started_ms = ctx_.clock->NowMs();
  task.plan = ExecutionPlan{Side::kLegacy, true, false};
  CUTOVER_ASSIGN_OR_RETURN(std::string identity, IdentifySides(task));
  rec.fingerprint =
      TaskFingerprint(step, req.sample, task.paths, now, task.plan, ctx_.pipeline->root, identity);
  CUTOVER_ASSIGN_OR_RETURN(rec.id, ctx_.ledger->BeginTask(rec));
  {
    std::lock_guard<std::mutex> lock(mu_);
    active_tasks_.insert(rec.id);
  }
  auto fresh_future = std::async(std::launch::async, [this, &task] {
    return RunSide(task, Side::kNew, Role::kShadow);
  });
  SideOutcome legacy = RunSide(task, Side::kLegacy, Role::kShadow);
  SideOutcome fresh = fresh_future.get();

  TaskResult result;
  result.task_id = rec.id;
  if (legacy.succeeded() && fresh.succeeded()) {
    CompareSides(ctx_, step, task.paths, rec, legacy, fresh);
    RecordTaskEnd(task, TaskStatus::kCompared, "");
    result.kind = TaskResultKind::kCompared;
  } else if (ctx_.cancel->cancelled()) {
    RecordTaskEnd(task, TaskStatus::kInterrupted, "interrupted");
    result.kind = TaskResultKind::kInterrupted;
  } else {
    std::vector<std::string> why;
    if (!legacy.succeeded()) why.push_back("legacy side " + DescribeOutcome(legacy));
    if (!fresh.succeeded()) why.push_back("new side " + DescribeOutcome(fresh));
    RecordTaskEnd(task, TaskStatus::kFailed, Join(why, "; "));
    result.kind = TaskResultKind::kFailed;
  }
  result.message = rec.error;
  Finish(task);
  return result;
}

}  // namespace cutover
