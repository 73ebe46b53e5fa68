// A recorded run of cutover (`run`, `step`, `replay`): the life around the tasks it executes.
// Beginning one recovers runs of this host whose process died (recovery.h), takes this
// process's run lock, records the run in the ledger and creates its task executor; finishing
// it waits for background shadow work and records how the run ended.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "exec/file_lock.h"
#include "ledger/records.h"
#include "run/context.h"
#include "run/task_executor.h"
#include "util/status.h"

namespace cutover {

// Not thread-safe itself (one per process, driven by the main thread); its executor is.
class RunSession {
 public:
  // `command` is recorded as the run's command line. Errors: recovery or the run lock failed,
  // the ledger refused the run (nothing ran), or the executor could not be created (the run is
  // then recorded as failed).
  static Result<std::unique_ptr<RunSession>> Begin(const RunContext& ctx,
                                                   const std::string& command);
  // A session not finished explicitly is finished as failed.
  ~RunSession();
  RunSession(const RunSession&) = delete;
  RunSession& operator=(const RunSession&) = delete;

  TaskExecutor& executor() { return *executor_; }
  int64_t run_id() const { return run_id_; }

  // Waits for every shadow side and comparison, then records the run's end: `status`, or
  // kInterrupted whenever the run was cancelled meanwhile (returned in `*ended` when given).
  // Call once.
  Status Finish(RunStatus status, RunStatus* ended = nullptr);

 private:
  RunSession(const RunContext& ctx, FileLock lock) : ctx_(ctx), run_lock_(std::move(lock)) {}

  const RunContext& ctx_;  // outlives the session
  FileLock run_lock_;      // held for the whole run (recovery.h)
  int64_t run_id_ = 0;
  std::unique_ptr<TaskExecutor> executor_;
  bool finished_ = false;
};

}  // namespace cutover
