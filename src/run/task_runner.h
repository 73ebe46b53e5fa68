// One task of the pipeline (a step for a sample) as the scheduler sees it: what is asked, what
// came of it, and the interface of whatever executes it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "pipeline/pipeline.h"
#include "route/route.h"

namespace cutover {

struct TaskRequest {
  const Step* step = nullptr;
  const Sample* sample = nullptr;  // null for an aggregate (StepScope::kAll) step
  bool force = false;              // run even if the published outputs are up to date
  bool wait_for_lock = true;       // false: a held (step, sample) lock is an immediate kBusy
};

enum class TaskResultKind {
  kPublished,    // the serving side's outputs are published
  kSkipped,      // already up to date: nothing ran
  kFailed,
  kInterrupted,
  kBusy,         // another cutover holds the (step, sample): nothing ran
  kCompared,     // a replay: both sides ran and were compared; nothing was published
};
std::string_view ToString(TaskResultKind kind);

struct TaskResult {
  TaskResultKind kind = TaskResultKind::kFailed;
  int64_t task_id = 0;              // 0 when no task was recorded (skipped, busy)
  std::optional<Side> served_by;
  bool fallback = false;
  int64_t serving_wall_ms = 0;     // of the side that published (legacy for a fallback)
  std::string message;              // for humans: why it failed, what held the lock
};

// What the scheduler (scheduler.h) needs of whatever executes its tasks: TaskExecutor, or a
// fake in the scheduler's tests. Execute() is called from many threads at once.
class TaskRunner {
 public:
  virtual ~TaskRunner() = default;
  virtual TaskResult Execute(const TaskRequest& request) = 0;
  // Waits for work an Execute() left running in the background (shadow sides). Default: none.
  virtual void WaitForShadows() {}
};

}  // namespace cutover
