#include "run/side_comparison.h"

#include <fmt/format.h>

#include "run/compare_identity.h"

namespace cutover {

void CompareSides(const RunContext& ctx, const Step& step, const StepPaths& paths,
                  const TaskRecord& task, const SideOutcome& legacy, const SideOutcome& fresh) {
  const StepRules& rules = ctx.rules->Of(step.name);
  const std::string compare_digest = CompareIdentityOf(step).digest;
  for (const std::string& name : paths.output_order) {
    const Comparator& cmp = rules.ComparatorOf(name);
    if (!cmp.compares()) continue;  // published, deliberately not compared
    Comparison c = cmp.Compare(legacy.layout.outputs.at(name), fresh.layout.outputs.at(name));
    ComparisonRecord rec;
    rec.task_id = task.id;
    rec.step = step.name;
    rec.sample = task.sample;
    rec.output = name;
    rec.comparator = cmp.kind();
    rec.outcome = c.outcome;
    rec.summary = c.ToJson();
    rec.summary["compare_digest"] = compare_digest;
    rec.legacy_execution_id = legacy.record.id;
    rec.new_execution_id = fresh.record.id;
    rec.at_ms = ctx.clock->NowMs();
    rec.purpose = task.purpose;
    auto stored = ctx.ledger->RecordComparison(rec);
    if (!stored.ok()) {
      ctx.progress->Note("warning: could not record comparison: " + stored.status().ToString());
    }
    if (c.outcome == Outcome::kMismatch || c.outcome == Outcome::kError) {
      ctx.progress->Note(fmt::format("{} {}: output {} {}: {}", step.name, task.sample, name,
                                     ToString(c.outcome), c.message));
    }
  }
}

}  // namespace cutover
