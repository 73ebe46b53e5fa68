#include "run/recovery.h"

#include <unistd.h>

#include <optional>
#include <set>

#include <fmt/format.h>

#include "exec/process_group.h"
#include "exec/slurm_leftovers.h"
#include "pipeline/step_paths.h"
#include "util/file.h"
#include "util/strings.h"

namespace cutover {
namespace {

std::filesystem::path RunLockPath(const RunContext& ctx, const std::string& host, int64_t pid) {
  return ctx.LocksDir() / "runs" / fmt::format("{}-{}.lock", host, pid);
}

// Removes ".NAME.cutover-tmp-PID-RANDOM" files that a dead run left beside published outputs
// (killed between writing a temporary copy and renaming it into place).
void RemoveStaleTempFiles(const RunContext& ctx, const std::set<int64_t>& dead_pids) {
  std::set<std::filesystem::path> dirs;
  const Pipeline& p = *ctx.pipeline;
  for (const Step& step : p.steps) {
    auto add = [&](const Sample* sample) {
      auto paths = ResolveStepPaths(p, step, sample);
      if (!paths.ok()) return;
      for (const auto& [name, rel] : paths->outputs) dirs.insert((p.root / rel).parent_path());
    };
    if (step.scope == StepScope::kAll) {
      add(nullptr);
    } else {
      for (const Sample& s : p.samples) add(&s);
    }
  }
  for (const auto& dir : dirs) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
      const std::string name = entry.path().filename().string();
      const std::optional<int64_t> pid = TempNameOwnerPid(name);
      if (pid && dead_pids.count(*pid)) (void)RemoveTreeAt(dir, name);
    }
  }
}

// Cancels the Slurm jobs the dead processes submitted and that never wrote their result. A
// failure is told, not fatal: the recovery itself is done, and the user can cancel by hand.
void CancelLeftoverSlurmJobs(const RunContext& ctx, const std::set<int64_t>& dead_pids) {
  std::vector<int64_t> ids = FindLeftoverSlurmJobs(ctx.ScratchDir(), ctx.host, dead_pids);
  if (ids.empty()) return;
  std::vector<std::string> words;
  for (int64_t id : ids) words.push_back(std::to_string(id));
  const std::string list = Join(words, " ");
  Status cancelled = CancelSlurmJobs(*ctx.runner, ids, ctx.ScratchDir() / "scancel.stderr");
  if (cancelled.ok()) {
    ctx.progress->Note(fmt::format(
        "cancelled Slurm job(s) {} left running by the dead run (their tasks will be redone)",
        list));
  } else {
    ctx.progress->Note(fmt::format(
        "could not cancel Slurm job(s) {} left running by the dead run ({}); cancel them with: "
        "scancel {}",
        list, cancelled.message(), list));
  }
}

// Kills what the dead processes' local sides left running: the direct child of a side dies with
// cutover (PR_SET_PDEATHSIG), its own children would not. Before any of their work is redone.
void StopLeftoverProcessGroups(const RunContext& ctx, const std::set<int64_t>& dead_pids) {
  for (const FoundProcessGroup& g :
       FindProcessGroups(ctx.ScratchDir(), ProcessGroupHost(), dead_pids)) {
    const int killed = KillLeftoverGroup(g.record);
    if (killed > 0) {
      std::filesystem::path rel = g.file.lexically_relative(ctx.ScratchDir());
      ctx.progress->Note(fmt::format(
          "stopped {} process(es) left running by the dead run (pid {}): process group {} of "
          "side {} (its task will be redone)",
          killed, g.record.owner_pid, g.record.pgid, rel.replace_extension().string()));
    }
    ::unlink(g.file.c_str());
  }
}

}  // namespace

Result<FileLock> AcquireRunLock(const RunContext& ctx) {
  auto path = RunLockPath(ctx, ctx.host, ::getpid());
  CUTOVER_ASSIGN_OR_RETURN(auto lock, FileLock::TryAcquire(path, "cutover run"));
  if (!lock) return Status::Busy("run lock " + path.string() + " is held by another process");
  return std::move(*lock);
}

Result<int> RecoverDeadRuns(const RunContext& ctx) {
  CUTOVER_ASSIGN_OR_RETURN(std::vector<RunRecord> runs, ctx.ledger->UnfinishedRuns());
  int recovered = 0;
  std::set<int64_t> dead_pids;
  for (const RunRecord& run : runs) {
    if (run.host != ctx.host) continue;
    auto probe = FileLock::TryAcquire(RunLockPath(ctx, run.host, run.pid), "recovery probe");
    if (!probe.ok() || !probe->has_value()) continue;  // alive (or unknowable): leave it
    CUTOVER_RETURN_IF_ERROR(ctx.ledger->MarkRunInterrupted(run.id, ctx.clock->NowMs()));
    ctx.progress->Note(fmt::format(
        "recovered run {} (pid {}, started {}): its process is gone; unfinished work marked "
        "interrupted and will be redone",
        run.id, run.pid, FormatUtc(run.started_ms)));
    ++recovered;
    dead_pids.insert(run.pid);
  }
  if (!dead_pids.empty()) {
    StopLeftoverProcessGroups(ctx, dead_pids);
    RemoveStaleTempFiles(ctx, dead_pids);
    CancelLeftoverSlurmJobs(ctx, dead_pids);
  }
  return recovered;
}

}  // namespace cutover
