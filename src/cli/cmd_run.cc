// `cutover run` and `cutover step`: executing through the routing layer.
#include <unistd.h>

#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/signals.h"
#include "run/run_session.h"
#include "run/scheduler.h"
#include "util/strings.h"

namespace cutover {

int WithRun(const GlobalOptions& global, const std::string& command,
            const std::function<int(Project&, TaskExecutor&, const CancelToken&)>& body,
            bool verbose, std::vector<std::string> only_samples) {
  CancelToken cancel;
  SignalWatcher signals(&cancel, ClosedPipe::kError);  // before any thread starts
  auto project = Project::Open(global, &cancel, ProjectUse::kRun, ProjectScope{std::move(only_samples)});
  if (!project.ok()) return ReportError(project.status());
  Project& p = **project;
  // A closed stderr (`cutover run 2>&1 | head -1`) interrupts the run like Ctrl-C.
  ConsoleProgressOptions display;
  display.live = ::isatty(STDERR_FILENO) == 1;
  display.verbose = verbose;
  p.SetProgress(MakeConsoleProgress(stderr, display, &cancel));
  auto session = RunSession::Begin(p.context(), command);
  if (!session.ok()) return ReportError(session.status());
  int code = body(p, (*session)->executor(), cancel);
  Status finished = (*session)->Finish(code == kExitOk            ? RunStatus::kSucceeded
                                       : code == kExitInterrupted ? RunStatus::kInterrupted
                                                                  : RunStatus::kFailed);
  if (cancel.cancelled()) code = kExitInterrupted;
  if (!finished.ok()) return ReportError(finished);
  if (cancel.cancelled()) {
    std::fprintf(stderr,
                 "cutover: interrupted; running steps were stopped, nothing half-published. "
                 "Run the same command again to finish the work.\n");
  }
  return code;
}

namespace {

std::string CommandLine(const std::vector<std::string>& words) { return Join(words, " "); }

}  // namespace

Handler SetupRun(CLI::App* app, const GlobalOptions* global) {
  auto opt = std::make_shared<SchedulerOptions>();
  app->add_option("--samples", opt->samples, "only these samples (comma-separated or repeated)")
      ->delimiter(',');
  app->add_option("--steps", opt->steps, "only these steps (others are taken as done)")
      ->delimiter(',');
  app->add_option("-j,--jobs", opt->jobs, "tasks in parallel (default 1)")->check(CLI::Range(1, 256));
  app->add_flag("--force", opt->force, "re-run even what is up to date");
  auto verbose = std::make_shared<bool>(false);
  app->add_flag("-v,--verbose", *verbose,
                "on a terminal too, a line per finished task (not only the status line)");
  auto no_wait = std::make_shared<bool>(false);
  app->add_flag("--no-wait", *no_wait,
                "do not wait for a (step, sample) another cutover is running: report it busy");
  return [global, opt, no_wait, verbose] {
    opt->wait_for_locks = !*no_wait;
    std::vector<std::string> words = {"cutover", "run"};
    if (!opt->samples.empty()) words.push_back("--samples " + Join(opt->samples, ","));
    if (!opt->steps.empty()) words.push_back("--steps " + Join(opt->steps, ","));
    return WithRun(*global, CommandLine(words), [&](Project& p, TaskExecutor& ex, const CancelToken&) {
      ex.LimitShadows(opt->jobs);  // -j N: at most N serving sides and N shadows at once
      auto totals = RunDag(p.context(), p.dag(), ex, *opt);
      if (!totals.ok()) return ReportError(totals.status());
      std::fprintf(stderr,
                   "%d tasks: %d published, %d up to date, %d failed, %d blocked, %d busy, "
                   "%d interrupted (%d served by legacy fallback)\n",
                   totals->tasks, totals->published, totals->skipped, totals->failed,
                   totals->blocked, totals->busy, totals->interrupted, totals->fallbacks);
      if (totals->ok()) return kExitOk;
      if (totals->busy > 0 && totals->failed == 0) return kExitBusy;
      return kExitFailed;
    }, *verbose, opt->samples);
  };
}

Handler SetupStep(CLI::App* app, const GlobalOptions* global) {
  struct Args {
    std::string step, sample;
    bool force = false, no_wait = false;
  };
  auto a = std::make_shared<Args>();
  app->add_option("STEP", a->step, "the step")->required();
  app->add_option("-s,--sample", a->sample, "the sample (not for an aggregate step)");
  app->add_flag("--force", a->force, "run even if up to date");
  app->add_flag("--no-wait", a->no_wait, "fail with exit 3 if another cutover holds this work");
  return [global, a] {
    std::string cmd = fmt::format("cutover step {} --sample {}", a->step, a->sample);
    return WithRun(*global, cmd, [&](Project& p, TaskExecutor& ex, const CancelToken&) {
      const Step* step = p.pipeline().FindStep(a->step);
      if (!step) return ReportError(Status::InvalidArgument(fmt::format("unknown step '{}'", a->step)));
      const Sample* sample = nullptr;
      if (step->scope == StepScope::kPerSample) {
        if (a->sample.empty()) {
          return ReportError(Status::InvalidArgument(
              fmt::format("step {} runs per sample: give --sample NAME", a->step)));
        }
        sample = p.pipeline().FindSample(a->sample);
        if (!sample) {
          return ReportError(Status::InvalidArgument(fmt::format(
              "unknown sample '{}' (not in {}'s samples)", a->sample, p.pipeline().file.string())));
        }
      } else if (!a->sample.empty()) {
        // An aggregate runs once over every sample: running it "for" one would look like
        // something it is not.
        return ReportError(Status::InvalidArgument(fmt::format(
            "step {} runs once over all samples (scope: all): leave out --sample", a->step)));
      }
      TaskResult r = ex.Execute({step, sample, a->force, !a->no_wait});
      ex.WaitForShadows();
      switch (r.kind) {
        case TaskResultKind::kPublished:
        case TaskResultKind::kSkipped:
        case TaskResultKind::kCompared:  // not from Execute
          return kExitOk;
        case TaskResultKind::kBusy:
          std::fprintf(stderr, "cutover: %s\n", r.message.c_str());
          return kExitBusy;
        case TaskResultKind::kInterrupted:
          return kExitInterrupted;
        case TaskResultKind::kFailed:
          std::fprintf(stderr, "cutover: %s %s failed: %s\n", a->step.c_str(),
                       sample ? sample->name.c_str() : "*", r.message.c_str());
          return kExitFailed;
      }
      return kExitFailed;
    }, /*verbose=*/false, a->sample.empty() ? std::vector<std::string>{} : std::vector{a->sample});
  };
}

}  // namespace cutover
