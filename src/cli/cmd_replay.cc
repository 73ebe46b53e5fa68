// `cutover replay EXECUTION`: re-run both sides of a recorded execution on the same inputs and
// compare again.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/record_id.h"
#include "compare/comparator.h"

namespace cutover {

Handler SetupReplay(CLI::App* app, const GlobalOptions* global) {
  auto text = std::make_shared<std::string>();
  app->add_option("ID", *text,
                  "e17: an execution (from `cutover diff`, `status`); c29: a comparison (from "
                  "`cutover mismatches`), whose task is replayed")
      ->required();
  app->footer(
      "Exit status: 0 every output matched (or was noise), 1 a mismatch or a side failed, "
      "2 the execution is unknown or its inputs changed.");
  return [global, text] {
    auto given = ParseRecordId(*text, std::nullopt);
    if (!given.ok()) return ReportError(given.status());
    return WithRun(*global, fmt::format("cutover replay {}", *text),
                   [&](Project& p, TaskExecutor& ex, const CancelToken&) {
      Ledger& ledger = p.ledger();
      auto id = std::make_shared<int64_t>(given->id);
      if (given->kind == IdKind::kComparison) {
        auto c = ledger.GetComparison(given->id);
        if (!c.ok()) return ReportError(c.status());
        *id = c->legacy_execution_id != 0 ? c->legacy_execution_id : c->new_execution_id;
      }
      auto execution = ledger.GetExecution(*id);
      if (!execution.ok()) return ReportError(execution.status());
      auto original = ledger.GetTask(execution->task_id);
      if (!original.ok()) return ReportError(original.status());
      const Step* step = p.pipeline().FindStep(original->step);
      if (!step) {
        return ReportError(Status::InvalidArgument(fmt::format(
            "execution e{} ran step {}, which is no longer in {}", *id, original->step,
            p.pipeline().file.string())));
      }
      const Sample* sample = nullptr;
      if (step->scope == StepScope::kPerSample) {
        sample = p.pipeline().FindSample(original->sample);
        if (!sample) {
          return ReportError(Status::InvalidArgument(fmt::format(
              "execution e{} ran sample {}, which is no longer a sample of {}", *id,
              original->sample, p.pipeline().file.string())));
        }
      }
      auto replay = ex.Replay({step, sample, true, true}, *original);
      if (!replay.ok()) {
        return ReportError(Status::InvalidArgument(replay.status().message()));
      }
      std::cout << fmt::format("replay of task {} (execution {}): {} {}, task {}\n", original->id,
                               FormatRecordId(IdKind::kExecution, *id), step->name, original->sample, replay->task_id);
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
        std::cout << fmt::format("  {:<16} {:<8} ({}) {}  [comparison c{}]\n", c.output,
                                 ToString(c.outcome), then,
                                 c.summary.value("message", std::string()), c.id);
        if (c.outcome == Outcome::kMismatch || c.outcome == Outcome::kError) code = kExitFailed;
      }
      return code;
    });
  };
}

}  // namespace cutover
