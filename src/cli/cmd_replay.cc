// `cutover replay EXECUTION`: re-run both sides of a recorded execution on the same inputs and
// compare again.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "compare/comparator.h"

namespace cutover {

Handler SetupReplay(CLI::App* app, const GlobalOptions* global) {
  auto id = std::make_shared<int64_t>(0);
  app->add_option("EXECUTION", *id, "an execution id (from `cutover diff`, `status`, the ledger)")
      ->required();
  app->footer(
      "Exit status: 0 every output matched (or was noise), 1 a mismatch or a side failed, "
      "2 the execution is unknown or its inputs changed.");
  return [global, id] {
    return WithRun(*global, fmt::format("cutover replay {}", *id),
                   [&](Project& p, TaskExecutor& ex, const CancelToken&) {
      Ledger& ledger = p.ledger();
      auto execution = ledger.GetExecution(*id);
      if (!execution.ok()) return ReportError(execution.status());
      auto original = ledger.GetTask(execution->task_id);
      if (!original.ok()) return ReportError(original.status());
      const Step* step = p.pipeline().FindStep(original->step);
      if (!step) {
        return ReportError(Status::InvalidArgument(fmt::format(
            "execution {} ran step {}, which is no longer in {}", *id, original->step,
            p.pipeline().file.string())));
      }
      const Sample* sample = nullptr;
      if (step->scope == StepScope::kPerSample) {
        sample = p.pipeline().FindSample(original->sample);
        if (!sample) {
          return ReportError(Status::InvalidArgument(fmt::format(
              "execution {} ran sample {}, which is no longer a sample of {}", *id,
              original->sample, p.pipeline().file.string())));
        }
      }
      auto replay = ex.Replay({step, sample, true, true}, *original);
      if (!replay.ok()) {
        return ReportError(Status::InvalidArgument(replay.status().message()));
      }
      std::cout << fmt::format("replay of task {} (execution {}): {} {}, task {}\n", original->id,
                               *id, step->name, original->sample, replay->task_id);
      if (replay->kind != TaskResultKind::kCompared) {
        std::cout << "  failed: " << replay->message << "\n";
        return kExitFailed;
      }
      auto comparisons = ledger.ComparisonsOfTask(replay->task_id);
      if (!comparisons.ok()) return ReportError(comparisons.status());
      auto before = ledger.ComparisonsOfTask(original->id);
      int code = kExitOk;
      for (const ComparisonRecord& c : *comparisons) {
        std::string then = "not compared then";
        if (before.ok()) {
          for (const ComparisonRecord& b : *before) {
            if (b.output == c.output) then = fmt::format("was {}", ToString(b.outcome));
          }
        }
        std::cout << fmt::format("  {:<16} {:<8} ({}) {}  [comparison {}]\n", c.output,
                                 ToString(c.outcome), then,
                                 c.summary.value("message", std::string()), c.id);
        if (c.outcome == Outcome::kMismatch || c.outcome == Outcome::kError) code = kExitFailed;
      }
      return code;
    });
  };
}

}  // namespace cutover
