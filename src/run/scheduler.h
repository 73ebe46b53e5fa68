// Running the pipeline's DAG for a set of samples with up to N tasks in parallel.
#pragma once

#include <string>
#include <vector>

#include "pipeline/dag.h"
#include "run/context.h"
#include "run/task_runner.h"

namespace cutover {

struct SchedulerOptions {
  std::vector<std::string> samples;  // empty = all samples
  std::vector<std::string> steps;    // empty = all steps; others are assumed done
  int jobs = 1;                      // tasks in flight; each may run two processes (shadow)
  bool force = false;
  bool wait_for_locks = true;
};

struct RunTotals {
  int tasks = 0;
  int published = 0;
  int skipped = 0;
  int failed = 0;
  int blocked = 0;  // not started because something upstream failed
  int interrupted = 0;
  int busy = 0;
  int fallbacks = 0;
  bool ok() const { return failed == 0 && blocked == 0 && interrupted == 0 && busy == 0; }
};

// Runs every selected (step, sample) once its upstream tasks for the same sample (or, for an
// aggregate step, for every sample) have published. A failed task blocks what depends on it;
// independent work goes on. Stops starting new tasks once the CancelToken is set. Unknown
// sample or step names are kInvalidArgument errors before anything runs.
Result<RunTotals> RunDag(const RunContext& ctx, const Dag& dag, TaskRunner& executor,
                         const SchedulerOptions& options);

}  // namespace cutover
