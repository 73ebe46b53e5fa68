// Everything the orchestration layer needs from the outside world, passed explicitly.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "evidence/step_rules.h"
#include "exec/process.h"
#include "ledger/ledger.h"
#include "ledger/task_lock.h"
#include "pipeline/pipeline.h"
#include "run/progress.h"
#include "util/cancel.h"
#include "util/clock.h"

namespace cutover {

// Non-owning: the CLI owns each part and keeps it alive for the context's lifetime. All parts
// are thread-safe (the executor uses them from many threads).
struct RunContext {
  const Pipeline* pipeline = nullptr;
  const PipelineRules* rules = nullptr;  // built once from *pipeline: comparators, policies
  Ledger* ledger = nullptr;
  TaskLocks* task_locks = nullptr;  // the per-(step, sample) locks that go with the ledger
  ProcessRunner* runner = nullptr;  // local processes
  // Runners of steps that do not run locally (`executor: slurm`), by step name.
  std::map<std::string, ProcessRunner*> step_runners;
  const Clock* clock = nullptr;
  const CancelToken* cancel = nullptr;
  ProgressSink* progress = nullptr;
  std::filesystem::path state_dir;  // absolute: <root>/.cutover by default
  std::filesystem::path self_exe;   // this cutover binary, for `cutover:` implementations
  std::string user;                 // OS user, recorded with route changes
  std::string host;

  ProcessRunner* RunnerFor(const Step& step) const {
    auto it = step_runners.find(step.name);
    return it == step_runners.end() ? runner : it->second;
  }
  // Lock files: the run locks (recovery.h) and, with an SQLite ledger, the task locks.
  std::filesystem::path LocksDir() const { return state_dir / "locks"; }
  std::filesystem::path ScratchDir() const { return state_dir / "scratch"; }
};

}  // namespace cutover
