// Running one side of one task, the same way wherever a side runs (a task's serving, shadow or
// fallback side, a replay, a calibration run): the side's scratch folders, its process
// rendered by its implementation's driver, the timeout rule, what the driver finds wrong once
// the process ended, the declared outputs checked and digested, and the failure described in
// one way.
#pragma once

#include <cstdint>
#include <string>

#include "exec/process.h"
#include "ledger/records.h"
#include "pipeline/pipeline.h"
#include "pipeline/step_paths.h"
#include "route/route.h"
#include "run/context.h"
#include "run/side_command.h"
#include "util/status.h"

namespace cutover {

// One side to run.
struct SideJob {
  const Step* step = nullptr;
  const Sample* sample = nullptr;   // null for an aggregate (StepScope::kAll) step
  const StepPaths* paths = nullptr;
  Side side = Side::kLegacy;
  Role role = Role::kServing;
  SideLayout layout;                // MakeSideLayout(...)
  // The implementation's identity digest (run/implementation_identity.h), recorded with the
  // execution.
  std::string impl_digest;
};

// What running a side gave: the execution as recorded (or as it would be), where it ran, and
// whether its record reached the ledger (a side whose record failed never serves).
struct SideOutcome {
  ExecutionRecord record;
  SideLayout layout;
  Status recorded;
  bool succeeded() const { return record.status == ExecStatus::kSucceeded && recorded.ok(); }
};

// The timeout of a side: its implementation's own `timeout:`, else the step's shadow timeout
// for a shadow side, else the step's timeout.
int64_t SideTimeoutMs(const Step& step, const Implementation& impl, Role role);

// "exit 3", "killed by signal 9", "timed out after 30.0s", "failed: <what cutover found>", ...
// followed by ": <error>" and " — <last line of stderr>" when there are any.
std::string DescribeFailure(const ExecutionRecord& r);

// What went wrong with a side, the ledger included: a side whose execution could not be recorded
// (a full disk, a lost database) is not described as a failure of the side itself ("succeeded,
// but its record could not be written ...; its outputs are not used").
std::string DescribeOutcome(const SideOutcome& out);

// Thread-safe (const; the context's parts are).
class SideRunner {
 public:
  explicit SideRunner(const RunContext& ctx) : ctx_(ctx) {}

  // Runs the side as an execution of task `task_id` (purpose `purpose`): recorded in the
  // ledger before the process starts and again when it ended. A side that could not be
  // prepared (a placeholder that does not render, a notebook that cannot be written) is
  // recorded as kSpawnFailed with the reason; a ledger that refuses the first record leaves
  // the side not run (kSpawnFailed, "ledger: ...").
  SideOutcome RunRecorded(const SideJob& job, int64_t task_id, TaskPurpose purpose) const;

  // Runs the side without recording it (calibration): the record is filled the same way.
  SideOutcome RunUnrecorded(const SideJob& job) const;

 private:
  // The side's folders created and its process rendered.
  Result<ProcessSpec> Prepare(const SideJob& job) const;
  // Runs `spec` (or records why it could not be prepared) and fills r's outcome fields.
  void Run(const SideJob& job, const Result<ProcessSpec>& spec, ExecutionRecord& r) const;
  ExecutionRecord Begin(const SideJob& job) const;

  const RunContext& ctx_;  // outlives the runner
};

}  // namespace cutover
