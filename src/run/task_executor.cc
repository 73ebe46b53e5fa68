#include "run/task_executor.h"

#include <sys/stat.h>

#include <algorithm>
#include <future>

#include <fmt/format.h>

#include "pipeline/step_paths.h"
#include "run/fingerprint.h"
#include "run/notebook_side.h"
#include "run/side_command.h"
#include "util/digest.h"
#include "util/file.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;

std::string_view ToString(TaskResultKind kind) {
  switch (kind) {
    case TaskResultKind::kPublished: return "published";
    case TaskResultKind::kSkipped: return "skipped";
    case TaskResultKind::kFailed: return "failed";
    case TaskResultKind::kInterrupted: return "interrupted";
    case TaskResultKind::kBusy: return "busy";
  }
  return "?";
}

// The result of running one side.
struct TaskExecutor::SideOutcome {
  ExecutionRecord record;
  SideLayout layout;
  Status recorded;  // FinishExecution's result: a side whose record failed never serves
  bool succeeded() const { return record.status == ExecStatus::kSucceeded && recorded.ok(); }
};


// Everything about one task, shared by Execute() and its background shadow thread.
struct TaskExecutor::TaskState {
  const Step* step = nullptr;
  const Sample* sample = nullptr;
  std::string sample_name;
  StepPaths paths;
  ExecutionPlan plan;
  TaskRecord record;
  std::unique_ptr<TaskLock> lock;  // held until the shadow side is compared
};

namespace {

ExecStatus ToExecStatus(ProcessEnd end, bool cancelled) {
  switch (end) {
    case ProcessEnd::kExited: return ExecStatus::kFailed;  // refined by the caller for exit 0
    case ProcessEnd::kSignaled: return ExecStatus::kSignaled;
    case ProcessEnd::kTimedOut: return ExecStatus::kTimedOut;
    case ProcessEnd::kCancelled:
      return cancelled ? ExecStatus::kInterrupted : ExecStatus::kCancelled;
    case ProcessEnd::kSpawnFailed: return ExecStatus::kSpawnFailed;
    case ProcessEnd::kSchedulerKilled: return ExecStatus::kSchedulerKilled;
  }
  return ExecStatus::kFailed;
}

// "exit 3", "killed by signal 9", "timed out after 30.0s", ...
std::string DescribeFailure(const ExecutionRecord& r) {
  std::string what;
  switch (r.status) {
    case ExecStatus::kFailed:
      // Exit 0 yet failed: cutover found the failure itself (a notebook cell); r.error says it.
      if (r.exit_code == 0 && !r.error.empty()) return "failed: " + r.error;
      what = fmt::format("exit {}", r.exit_code);
      break;
    case ExecStatus::kSignaled: what = fmt::format("killed by signal {}", r.signal); break;
    case ExecStatus::kTimedOut: what = fmt::format("timed out after {}", FormatDurationMs(r.wall_ms)); break;
    default: what = std::string(ToString(r.status));
  }
  if (!r.error.empty()) what += ": " + r.error;
  std::string_view tail = Trim(r.stderr_tail);
  if (!tail.empty()) {
    size_t nl = tail.rfind('\n');
    what += " — " + std::string(nl == std::string_view::npos ? tail : tail.substr(nl + 1));
  }
  return what;
}

int64_t MtimeNs(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return -1;
  return static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

}  // namespace

Result<std::unique_ptr<TaskExecutor>> TaskExecutor::Create(const RunContext& ctx, int64_t run_id) {
  std::unique_ptr<TaskExecutor> ex(new TaskExecutor(ctx, run_id));
  for (const Step& step : ctx.pipeline->steps) {
    for (const OutputSpec& out : step.outputs) {
      auto cmp = MakeComparator(out.compare.kind, out.compare.options);
      if (!cmp.ok()) return cmp.status().WithContext(ToString(out.compare.where));
      ex->comparators_[{step.name, out.name}] = std::move(cmp).value();
    }
  }
  return ex;
}

TaskExecutor::~TaskExecutor() { WaitForShadows(); }

void TaskExecutor::WaitForShadows() {
  while (true) {
    std::vector<std::thread> threads;
    {
      std::lock_guard<std::mutex> lock(mu_);
      threads.swap(shadows_);
    }
    if (threads.empty()) return;
    for (std::thread& t : threads) t.join();
  }
}

TaskExecutor::SideOutcome TaskExecutor::RunSide(TaskState& task, Side side, Role role) {
  const Step& step = *task.step;
  const Implementation& impl = side == Side::kNew ? *step.new_impl : step.legacy;
  SideOutcome out;
  out.layout = MakeSideLayout(ctx_.ScratchDir() / step.name, task.record.id, side, task.paths);
  ExecutionRecord& r = out.record;
  r.task_id = task.record.id;
  r.step = step.name;
  r.sample = task.sample_name;
  r.side = side;
  r.role = role;
  r.purpose = task.record.purpose;
  r.scratch_dir = out.layout.work_dir.string();
  r.started_ms = ctx_.clock->NowMs();

  int64_t timeout = role == Role::kShadow ? step.shadow_timeout_ms : step.timeout_ms;
  if (impl.timeout_ms) timeout = *impl.timeout_ms;
  auto spec = BuildProcessSpec(step, impl, task.sample, task.paths, out.layout, side,
                               ctx_.self_exe, ctx_.pipeline->root, timeout);
  Status prepared = spec.ok() ? MakeDirectories(out.layout.work_dir) : spec.status();
  for (const auto& [name, path] : out.layout.outputs) {
    if (prepared.ok()) prepared = MakeDirectories(path.parent_path());
  }
  if (spec.ok()) r.argv = spec->argv;
  auto begun = ctx_.ledger->BeginExecution(r);
  if (!begun.ok()) {
    r.status = ExecStatus::kSpawnFailed;
    r.error = "ledger: " + begun.status().ToString();
    return out;
  }
  r.id = *begun;
  if (!prepared.ok()) {
    r.status = ExecStatus::kSpawnFailed;
    r.error = prepared.message();
  } else {
    ProcessResult pr = ctx_.RunnerFor(step)->Run(*spec, *ctx_.cancel);
    r.exit_code = pr.exit_code;
    r.signal = pr.signal;
    r.wall_ms = pr.wall_ms;
    r.cpu_ms = pr.cpu_ms;
    r.max_rss_kb = pr.max_rss_kb;
    r.stderr_tail = pr.stderr_tail;
    r.error = pr.error;
    r.status = ToExecStatus(pr.end, ctx_.cancel->cancelled());
    if (impl.kind == ImplKind::kNotebook) {
      // nbconvert runs with --allow-errors: exit 0 only says the notebook was executed; the
      // executed notebook says whether a cell failed (notebook_side.h).
      if (pr.succeeded()) {
        Status cells = InspectExecutedNotebook(out.layout);
        if (!cells.ok()) {
          r.status = ExecStatus::kFailed;
          r.error = cells.message();
        }
      } else if (r.error.empty() && pr.end == ProcessEnd::kExited) {
        r.error = NbconvertErrorLine(pr.stderr_tail);
      }
    }
    if (pr.succeeded() && r.error.empty()) {
      r.status = ExecStatus::kSucceeded;
      std::vector<std::string> missing;
      for (const std::string& name : task.paths.output_order) {
        const fs::path& p = out.layout.outputs.at(name);
        std::error_code ec;
        if (!fs::is_regular_file(p, ec)) {
          missing.push_back(fmt::format("{} ({})", name, task.paths.outputs.at(name).string()));
          continue;
        }
        auto digest = DigestFile(p);
        if (!digest.ok()) {
          missing.push_back(fmt::format("{} ({})", name, digest.status().message()));
          continue;
        }
        r.outputs.push_back({name, task.paths.outputs.at(name).string(),
                             static_cast<int64_t>(fs::file_size(p, ec)), *digest});
      }
      if (!missing.empty()) {
        r.status = ExecStatus::kMissingOutput;
        r.error = "exited 0 but did not write: " + Join(missing, ", ");
      }
    }
  }
  r.finished_ms = ctx_.clock->NowMs();
  // The ledger retries a lost connection itself; if the record still fails, the side's outputs
  // are not used: nothing is published without its record.
  out.recorded = ctx_.ledger->FinishExecution(r);
  if (!out.recorded.ok()) {
    ctx_.progress->Note(fmt::format("warning: could not record execution {} of {}/{}: {}", r.id,
                                    step.name, task.sample_name, out.recorded.ToString()));
  }
  return out;
}

Status TaskExecutor::Publish(TaskState& task, const SideOutcome& side) {
  // A lock lost meanwhile (PostgreSQL: the session ended and another process took it) means
  // someone else may be running this (step, sample): leave the outputs to them.
  CUTOVER_RETURN_IF_ERROR(task.lock->Check());
  PublishedRecord pub;
  pub.step = task.step->name;
  pub.sample = task.sample_name;
  pub.task_id = task.record.id;
  pub.fingerprint = task.record.fingerprint;
  const fs::path& root = ctx_.pipeline->root;
  for (const OutputRecord& o : side.record.outputs) {
    fs::path dest = root / o.path;
    CUTOVER_RETURN_IF_ERROR(PublishFileAtomic(side.layout.outputs.at(o.name), dest));
    pub.outputs.push_back({o.name, o.path, o.size, MtimeNs(dest), o.digest});
  }
  pub.at_ms = ctx_.clock->NowMs();
  return ctx_.ledger->RecordPublished(pub);
}

void TaskExecutor::CompareSides(TaskState& task, const SideOutcome& legacy,
                                const SideOutcome& fresh) {
  for (const std::string& name : task.paths.output_order) {
    const Comparator& cmp = *comparators_.at({task.step->name, name});
    if (cmp.kind() == "none") continue;  // published, deliberately not compared
    Comparison c = cmp.Compare(legacy.layout.outputs.at(name), fresh.layout.outputs.at(name));
    ComparisonRecord rec;
    rec.task_id = task.record.id;
    rec.step = task.step->name;
    rec.sample = task.sample_name;
    rec.output = name;
    rec.comparator = cmp.kind();
    rec.outcome = c.outcome;
    rec.summary = c.ToJson();
    rec.legacy_execution_id = legacy.record.id;
    rec.new_execution_id = fresh.record.id;
    rec.at_ms = ctx_.clock->NowMs();
    rec.purpose = task.record.purpose;
    auto stored = ctx_.ledger->RecordComparison(rec);
    if (!stored.ok()) {
      ctx_.progress->Note("warning: could not record comparison: " + stored.status().ToString());
    }
    if (c.outcome == Outcome::kMismatch || c.outcome == Outcome::kError) {
      ctx_.progress->Note(fmt::format("{} {}: output {} {}: {}", task.step->name,
                                      task.sample_name, name, ToString(c.outcome), c.message));
    }
  }
}

void TaskExecutor::MaybeRollBack(const Step& step, const std::string& sample,
                                 const std::string& why) {
  std::lock_guard<std::mutex> lock(mu_);  // one rollback decision at a time in this process
  auto route = ctx_.ledger->GetRoute(step.name);
  if (!route.ok()) return;
  if (route->mode != RouteMode::kCanary && route->mode != RouteMode::kNew) return;
  auto failures = ctx_.ledger->ConsecutiveNewFailures(step.name);
  if (!failures.ok() || *failures < step.max_consecutive_failures) return;
  RouteChange change;
  change.step = step.name;
  change.at_ms = ctx_.clock->NowMs();
  change.user = "cutover";
  change.to = Route{RouteMode::kLegacy, 0};
  change.automatic = true;
  change.reason = fmt::format(
      "automatic rollback: {} consecutive new-side failures (limit {}); last on sample {}: {}",
      *failures, step.max_consecutive_failures, sample, why);
  auto done = ctx_.ledger->ChangeRoute(change);
  ctx_.progress->Note(done.ok() ? fmt::format("ROLLBACK {}: {}", step.name, change.reason)
                                : "warning: automatic rollback failed: " + done.status().ToString());
}

void TaskExecutor::CleanScratch(const Step& step) {
  fs::path dir = ctx_.ScratchDir() / step.name;
  std::error_code ec;
  std::vector<int64_t> ids;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.empty() && std::all_of(name.begin(), name.end(), ::isdigit)) {
      ids.push_back(std::stoll(name));
    }
  }
  std::sort(ids.begin(), ids.end());
  int keep = std::max(0, ctx_.pipeline->settings.retain_scratch);
  if (static_cast<int>(ids.size()) <= keep) return;
  std::vector<int64_t> candidates;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (size_t i = 0; i + static_cast<size_t>(keep) < ids.size(); ++i) {
      if (!active_tasks_.count(ids[i])) candidates.push_back(ids[i]);
    }
  }
  const std::string owner = fmt::format("pid {} on {}, cleaning old scratch folders of {}",
                                        ::getpid(), ctx_.host, step.name);
  for (int64_t id : candidates) {
    // Another cutover process (a workflow engine's parallel jobs) may still be using this
    // folder: running a side, or a shadow side and its comparison after the task was published.
    // Whoever does holds the task's (step, sample) lock until the very end, so the folder goes
    // only if that lock is free. Taken for an instant and released before removing: a task
    // starting for the same (step, sample) meanwhile gets a folder of its own (a new task id).
    auto other = ctx_.ledger->GetTask(id);
    if (!other.ok()) continue;  // not known to the ledger: not ours to judge
    auto lock = ctx_.task_locks->TryAcquire(step.name, other->sample, owner, nullptr);
    if (!lock.ok() || !*lock) continue;
    lock->reset();
    fs::remove_all(dir / std::to_string(id), ec);
  }
}

void TaskExecutor::Finish(TaskState& task) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    active_tasks_.erase(task.record.id);
  }
  CleanScratch(*task.step);
}

TaskResult TaskExecutor::Execute(const TaskRequest& req) {
  const Step& step = *req.step;
  auto state = std::make_shared<TaskState>();
  TaskState& task = *state;
  task.step = &step;
  task.sample = req.sample;
  task.sample_name = req.sample ? req.sample->name : std::string(kAllSamples);
  TaskResult result;

  auto paths = ResolveStepPaths(*ctx_.pipeline, step, req.sample);
  if (!paths.ok()) {
    result.message = paths.status().message();
    return result;
  }
  task.paths = std::move(paths).value();

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
      result.kind = lock.status().code() == StatusCode::kCancelled ? TaskResultKind::kInterrupted
                                                                   : TaskResultKind::kFailed;
      result.message = lock.status().message();
      return result;
    }
    task.lock = std::move(lock).value();
  } else {
    std::string holder;
    auto lock = ctx_.task_locks->TryAcquire(step.name, task.sample_name, owner, &holder);
    if (!lock.ok()) {
      result.message = lock.status().message();
      return result;
    }
    if (!*lock) {
      result.kind = TaskResultKind::kBusy;
      result.message = fmt::format("{} {} is being executed by {}", step.name, task.sample_name,
                                   holder);
      return result;
    }
    task.lock = std::move(lock).value();
  }

  // The route is read exactly once: a change made from now on applies to later executions.
  auto route = ctx_.ledger->GetRoute(step.name);
  if (!route.ok()) {
    result.message = route.status().ToString();
    return result;
  }
  task.plan = PlanExecution(*route, step.new_impl.has_value(), step.name, task.sample_name);

  TaskRecord& rec = task.record;
  rec.run_id = run_id_;
  rec.step = step.name;
  rec.sample = task.sample_name;
  rec.route = *route;
  rec.serving = task.plan.serving;
  rec.started_ms = ctx_.clock->NowMs();
  auto inputs = DigestInputs(step, task.paths);
  Result<std::string> fingerprint =
      inputs.ok() ? Result<std::string>(
                        TaskFingerprint(step, req.sample, task.paths, *inputs, task.plan,
                                        ctx_.pipeline->root))
                  : Result<std::string>(inputs.status());
  if (fingerprint.ok()) {
    rec.inputs = *inputs;
    rec.fingerprint = *fingerprint;
    if (!req.force) {
      auto published = ctx_.ledger->GetPublished(step.name, task.sample_name);
      if (published.ok() && published->has_value() &&
          (*published)->fingerprint == rec.fingerprint) {
        bool intact = true;
        for (const PublishedOutput& o : (*published)->outputs) {
          fs::path p = ctx_.pipeline->root / o.path;
          std::error_code ec;
          if (!fs::is_regular_file(p, ec) ||
              static_cast<int64_t>(fs::file_size(p, ec)) != o.size || MtimeNs(p) != o.mtime_ns) {
            intact = false;
          }
        }
        if (intact) {
          result.kind = TaskResultKind::kSkipped;
          result.task_id = (*published)->task_id;
          result.message = "up to date";
          return result;
        }
      }
    }
  }
  auto begun = ctx_.ledger->BeginTask(rec);
  if (!begun.ok()) {
    result.message = "ledger: " + begun.status().ToString();
    return result;
  }
  rec.id = *begun;
  result.task_id = rec.id;
  {
    std::lock_guard<std::mutex> lock(mu_);
    active_tasks_.insert(rec.id);
  }
  auto finish_task = [&](TaskStatus status, std::string error) {
    rec.status = status;
    rec.error = std::move(error);
    rec.finished_ms = ctx_.clock->NowMs();
    Status s = ctx_.ledger->FinishTask(rec);
    if (!s.ok()) ctx_.progress->Note("warning: could not record task: " + s.ToString());
  };
  if (!fingerprint.ok()) {  // a missing or unreadable input
    finish_task(TaskStatus::kFailed, fingerprint.status().message());
    Finish(task);
    result.message = rec.error;
    return result;
  }

  // The shadow side runs on its own thread; its result is shared with this one (a canary
  // fallback may need the legacy shadow's outputs).
  std::shared_future<SideOutcome> shadow;
  std::promise<std::optional<SideOutcome>> serving_done;
  if (task.plan.run_shadow) {
    auto shadow_task = std::make_shared<std::packaged_task<SideOutcome()>>(
        [this, state, side = Other(task.plan.serving)] {
          return RunSide(*state, side, Role::kShadow);
        });
    shadow = shadow_task->get_future().share();
    std::future<std::optional<SideOutcome>> serving_future = serving_done.get_future();
    std::lock_guard<std::mutex> lock(mu_);
    shadows_.emplace_back([this, state, shadow_task, shadow,
                           serving_future = std::move(serving_future)]() mutable {
      (*shadow_task)();
      const SideOutcome& shadow_side = shadow.get();
      std::optional<SideOutcome> serving_side = serving_future.get();
      if (serving_side && serving_side->succeeded() && shadow_side.succeeded()) {
        bool legacy_serves = serving_side->record.side == Side::kLegacy;
        CompareSides(*state, legacy_serves ? *serving_side : shadow_side,
                     legacy_serves ? shadow_side : *serving_side);
      } else if (!shadow_side.succeeded() && !ctx_.cancel->cancelled()) {
        ctx_.progress->Note(fmt::format("{} {}: shadow side ({}) {}; recorded, not fatal",
                                        state->step->name, state->sample_name,
                                        ToString(shadow_side.record.side),
                                        DescribeFailure(shadow_side.record)));
      }
      state->lock.reset();
      Finish(*state);
    });
  }

  SideOutcome serving = RunSide(task, task.plan.serving, Role::kServing);
  result.serving_wall_ms = serving.record.wall_ms;
  std::optional<SideOutcome> served;
  if (serving.succeeded()) served = serving;

  if (!served && serving.record.side == Side::kNew && !ctx_.cancel->cancelled()) {
    std::string why = DescribeFailure(serving.record);
    if (task.plan.legacy_fallback) {
      rec.fallback = true;
      if (task.plan.run_shadow) {
        const SideOutcome& legacy = shadow.get();  // the legacy shadow is already running
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
  }

  Status published = served ? Publish(task, *served) : Status::Failed("");
  if (served && published.ok()) {
    rec.served_by = served->record.side;
    finish_task(TaskStatus::kPublished, "");
    result.kind = TaskResultKind::kPublished;
    result.served_by = rec.served_by;
    result.fallback = rec.fallback;
  } else if (ctx_.cancel->cancelled()) {
    finish_task(TaskStatus::kInterrupted, "interrupted");
    result.kind = TaskResultKind::kInterrupted;
    result.message = "interrupted";
  } else {
    std::string error =
        served ? "publishing failed: " + published.message()
        : !serving.recorded.ok()
            ? fmt::format("{} side ran but could not be recorded ({}); not published",
                          ToString(serving.record.side), serving.recorded.message())
            : fmt::format("{} side {}", ToString(serving.record.side),
                          DescribeFailure(serving.record));
    if (rec.fallback && !served) error += "; legacy fallback failed too";
    finish_task(TaskStatus::kFailed, error);
    result.message = error;
  }

  if (task.plan.run_shadow) {
    serving_done.set_value(std::optional<SideOutcome>(serving));
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
  auto state = std::make_shared<TaskState>();
  TaskState& task = *state;
  task.step = &step;
  task.sample = req.sample;
  task.sample_name = req.sample ? req.sample->name : std::string(kAllSamples);
  CUTOVER_ASSIGN_OR_RETURN(task.paths, ResolveStepPaths(*ctx_.pipeline, step, req.sample));
  if (original.inputs.empty()) {
    return Status::Failed(fmt::format(
        "task {} has no recorded inputs (recorded by an older cutover, or the step has no "
        "inputs): cannot check that a replay would see the same data",
        original.id));
  }
  CUTOVER_ASSIGN_OR_RETURN(std::vector<InputRecord> now, DigestInputs(step, task.paths));
  for (const InputRecord& then : original.inputs) {
    auto it = std::find_if(now.begin(), now.end(), [&](const InputRecord& n) {
      return n.name == then.name && n.path == then.path;
    });
    if (it == now.end()) {
      return Status::Failed(fmt::format(
          "input '{}' ({}) of task {} is no longer an input of step {}: refusing to replay",
          then.name, then.path, original.id, step.name));
    }
    if (it->digest != then.digest) {
      return Status::Failed(fmt::format(
          "input '{}' ({}) changed since task {} ran (then {} bytes, {}; now {} bytes, {}): "
          "refusing to replay on different data",
          then.name, then.path, original.id, then.size, then.digest, it->size, it->digest));
    }
  }
  if (now.size() != original.inputs.size()) {
    return Status::Failed(fmt::format(
        "step {} now has {} input files where task {} had {}: refusing to replay", step.name,
        now.size(), original.id, original.inputs.size()));
  }

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
  rec.fingerprint = TaskFingerprint(step, req.sample, task.paths, now, task.plan, ctx_.pipeline->root);
  CUTOVER_ASSIGN_OR_RETURN(rec.id, ctx_.ledger->BeginTask(rec));
  {
    std::lock_guard<std::mutex> lock(mu_);
    active_tasks_.insert(rec.id);
  }
  auto fresh_future = std::async(std::launch::async,
                                 [this, &task] { return RunSide(task, Side::kNew, Role::kShadow); });
  SideOutcome legacy = RunSide(task, Side::kLegacy, Role::kShadow);
  SideOutcome fresh = fresh_future.get();

  TaskResult result;
  result.task_id = rec.id;
  if (legacy.succeeded() && fresh.succeeded()) {
    CompareSides(task, legacy, fresh);
    rec.status = TaskStatus::kCompared;
    result.kind = TaskResultKind::kPublished;  // "done"; nothing was published
  } else if (ctx_.cancel->cancelled()) {
    rec.status = TaskStatus::kInterrupted;
    rec.error = "interrupted";
    result.kind = TaskResultKind::kInterrupted;
  } else {
    std::vector<std::string> why;
    if (!legacy.succeeded()) why.push_back("legacy side " + DescribeFailure(legacy.record));
    if (!fresh.succeeded()) why.push_back("new side " + DescribeFailure(fresh.record));
    rec.status = TaskStatus::kFailed;
    rec.error = Join(why, "; ");
    result.kind = TaskResultKind::kFailed;
  }
  result.message = rec.error;
  rec.finished_ms = ctx_.clock->NowMs();
  Status finished = ctx_.ledger->FinishTask(rec);
  if (!finished.ok()) ctx_.progress->Note("warning: could not record task: " + finished.ToString());
  Finish(task);
  return result;
}

}  // namespace cutover
