// `cutover recompare STEP`: the step's current `compare:` applied again to the tasks that were
// judged with an earlier one, from the outputs both sides produced then, as long as they are
// kept: a side's copy in its task's scratch folder (the last `settings.retain_scratch` tasks of
// a step keep theirs), or the published output while it is still the one that side wrote (its
// size and digest as recorded). Each new verdict is recorded as a comparison of the task (made
// now, so it counts towards the gate like any comparison made with the current rules), with
// the id of the comparison it judges again; the earlier comparisons stay in the ledger as
// history. A task whose outputs are gone is counted and named, never guessed at.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "evidence/step_rules.h"
#include "ledger/ledger.h"
#include "pipeline/pipeline.h"
#include "util/status.h"

namespace cutover {

struct RecompareResult {
  // The change of `compare:` recorded now ("compare: of qc changed: output report (was ...)"),
  // "" when the ledger already knew the current one.
  std::string announcement;
  int64_t changed_at_ms = 0;  // when the current `compare:` was first met; 0 when it never changed
  std::string change;         // what changed then
  int64_t tasks = 0;          // tasks judged only with an earlier `compare:` (since `since_ms`)
  std::vector<ComparisonRecord> recorded;  // the new comparisons, oldest task first
  std::map<Outcome, int64_t> outcomes;     // of `recorded`
  // Tasks that could not be judged again, one line each: "task 12 (sample s1): new's output
  // report is no longer kept (.cutover/scratch/qc/12/new/report.txt: gone)".
  std::vector<std::string> gone;
};

// Judges again, with `rules` (the step's current comparators), every pipeline-run task of
// `step` whose comparisons were all made before the latest change of its `compare:` (and at or
// after `since_ms`). Records the current `compare:` first when the ledger does not know it.
Result<RecompareResult> Recompare(Ledger& ledger, const Pipeline& pipeline, const Step& step,
                                  const StepRules& rules, int64_t since_ms, int64_t now_ms);

}  // namespace cutover
