#include "run/side_runner.h"

#include <fmt/format.h>

#include "run/implementation_driver.h"
#include "util/digest.h"
#include "util/file.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
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

const Implementation& ImplOf(const Step& step, Side side) {
  return side == Side::kNew ? *step.new_impl : step.legacy;
}

}  // namespace

int64_t SideTimeoutMs(const Step& step, const Implementation& impl, Role role) {
  if (impl.timeout_ms) return *impl.timeout_ms;
  return role == Role::kShadow ? step.shadow_timeout_ms : step.timeout_ms;
}

std::string DescribeFailure(const ExecutionRecord& r) {
  std::string what;
  switch (r.status) {
    case ExecStatus::kFailed:
      // Exit 0 yet failed: cutover found the failure itself (a notebook cell); r.error says it.
      if (r.exit_code == 0 && !r.error.empty()) return "failed: " + r.error;
      what = fmt::format("exit {}", r.exit_code);
      break;
    case ExecStatus::kSignaled: what = fmt::format("killed by signal {}", r.signal); break;
    case ExecStatus::kTimedOut:
      what = fmt::format("timed out after {}", FormatDurationMs(r.wall_ms));
      break;
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

std::string DescribeOutcome(const SideOutcome& out) {
  if (out.recorded.ok()) return DescribeFailure(out.record);
  const std::string why = out.recorded.ToString();
  if (out.record.id == 0) {
    return fmt::format("not started: its execution could not be recorded in the ledger ({})", why);
  }
  if (out.record.status == ExecStatus::kSucceeded) {
    return fmt::format(
        "succeeded, but its record could not be written to the ledger ({}); its outputs are not "
        "used",
        why);
  }
  return fmt::format("{}; its record could not be written to the ledger either ({})",
                     DescribeFailure(out.record), why);
}

Result<ProcessSpec> SideRunner::Prepare(const SideJob& job) const {
  const Step& step = *job.step;
  const Implementation& impl = ImplOf(step, job.side);
  // Inside the state folder, never through a link planted there (util/file.h).
  CUTOVER_RETURN_IF_ERROR(MakeDirectoriesWithin(ctx_.state_dir, job.layout.work_dir));
  for (const auto& [name, path] : job.layout.outputs) {
    CUTOVER_RETURN_IF_ERROR(MakeDirectoriesWithin(ctx_.state_dir, path.parent_path()));
  }
  return BuildProcessSpec(step, impl, job.sample, *job.paths, job.layout, job.side,
                          ctx_.self_exe, ctx_.pipeline->root,
                          SideTimeoutMs(step, impl, job.role));
}

ExecutionRecord SideRunner::Begin(const SideJob& job) const {
  ExecutionRecord r;
  r.step = job.step->name;
  r.sample = job.sample ? job.sample->name : std::string(kAllSamples);
  r.side = job.side;
  r.role = job.role;
  r.scratch_dir = job.layout.work_dir.string();
  r.started_ms = ctx_.clock->NowMs();
  r.impl_digest = job.impl_digest;
  return r;
}

void SideRunner::Run(const SideJob& job, const Result<ProcessSpec>& spec,
                     ExecutionRecord& r) const {
  if (!spec.ok()) {
    r.status = ExecStatus::kSpawnFailed;
    r.error = spec.status().message();
    return;
  }
  const Step& step = *job.step;
  ProcessResult pr = ctx_.RunnerFor(step)->Run(*spec, *ctx_.cancel);
  r.exit_code = pr.exit_code;
  r.signal = pr.signal;
  r.wall_ms = pr.wall_ms;
  r.cpu_ms = pr.cpu_ms;
  r.max_rss_kb = pr.max_rss_kb;
  r.stderr_tail = pr.stderr_tail;
  r.error = pr.error;
  r.status = ToExecStatus(pr.end, ctx_.cancel->cancelled());
  std::string found = DriverFor(ImplOf(step, job.side).kind).InspectEnd(pr, job.layout);
  if (!found.empty()) {
    if (pr.succeeded()) {
      r.status = ExecStatus::kFailed;
      r.error = std::move(found);
    } else if (r.error.empty()) {
      r.error = std::move(found);
    }
  }
  if (!pr.succeeded() || !r.error.empty()) return;
  r.status = ExecStatus::kSucceeded;
  const StepPaths& paths = *job.paths;
  std::vector<std::string> missing;
  for (const std::string& name : paths.output_order) {
    // An output that is a link is used only if what it points to is inside the side's
    // folder: a side must not publish (or make cutover read) a file from elsewhere.
    auto resolved = ResolveWithin(job.layout.outputs.at(name), job.layout.work_dir);
    if (!resolved.ok()) {
      missing.push_back(fmt::format("{} ({})", name, resolved.status().message()));
      continue;
    }
    const fs::path& p = *resolved;
    std::error_code ec;
    if (!fs::is_regular_file(p, ec)) {
      missing.push_back(fmt::format("{} ({})", name, paths.outputs.at(name).string()));
      continue;
    }
    auto digest = DigestFile(p);
    if (!digest.ok()) {
      missing.push_back(fmt::format("{} ({})", name, digest.status().message()));
      continue;
    }
    r.outputs.push_back({name, paths.outputs.at(name).string(),
                         static_cast<int64_t>(fs::file_size(p, ec)), *digest});
  }
  if (!missing.empty()) {
    r.status = ExecStatus::kMissingOutput;
    r.error = "exited 0 but did not write: " + Join(missing, ", ");
  }
}

SideOutcome SideRunner::RunRecorded(const SideJob& job, int64_t task_id,
                                    TaskPurpose purpose) const {
  SideOutcome out;
  out.layout = job.layout;
  ExecutionRecord& r = out.record;
  r = Begin(job);
  r.task_id = task_id;
  r.purpose = purpose;
  Result<ProcessSpec> spec = Prepare(job);
  if (spec.ok()) r.argv = spec->argv;
  auto begun = ctx_.ledger->BeginExecution(r);
  if (!begun.ok()) {
    // Not run: nothing may run that the ledger cannot record.
    r.status = ExecStatus::kSpawnFailed;
    out.recorded = begun.status();
    return out;
  }
  r.id = *begun;
  Run(job, spec, r);
  r.finished_ms = ctx_.clock->NowMs();
  // The ledger retries a lost connection itself; if the record still fails, the side's outputs
  // are not used: nothing is published without its record.
  out.recorded = ctx_.ledger->FinishExecution(r);
  if (!out.recorded.ok()) {
    ctx_.progress->Note(fmt::format("warning: could not record execution {} of {}/{}: {}", r.id,
                                    r.step, r.sample, out.recorded.ToString()));
  }
  return out;
}

SideOutcome SideRunner::RunUnrecorded(const SideJob& job) const {
  SideOutcome out;
  out.layout = job.layout;
  out.record = Begin(job);
  Result<ProcessSpec> spec = Prepare(job);
  if (spec.ok()) out.record.argv = spec->argv;
  Run(job, spec, out.record);
  out.record.finished_ms = ctx_.clock->NowMs();
  return out;
}

}  // namespace cutover
