// Comparing the two sides of a task, output by output, with each output's comparator (built
// once, evidence/step_rules.h), and recording every comparison in the ledger as evidence.
#pragma once

#include "ledger/records.h"
#include "pipeline/pipeline.h"
#include "pipeline/step_paths.h"
#include "run/context.h"
#include "run/side_runner.h"

namespace cutover {

// Compares every output of `legacy` with the same output of `fresh` (both succeeded) for
// `task` (recorded, with its id and purpose), except outputs whose comparator is `none`.
// Records each comparison; a mismatch or error is also noted on the progress display. A
// comparison the ledger refuses is a warning: the task itself has already been decided.
void CompareSides(const RunContext& ctx, const Step& step, const StepPaths& paths,
                  const TaskRecord& task, const SideOutcome& legacy, const SideOutcome& fresh);

}  // namespace cutover
