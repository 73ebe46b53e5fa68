#include "ledger/records.h"

#include <fmt/format.h>

namespace cutover {
namespace {

// Finds the enum value whose name is `text` among `values`.
template <typename E, size_t N>
Result<E> ParseEnum(std::string_view text, const E (&values)[N], std::string_view what) {
  for (E v : values) {
    if (ToString(v) == text) return v;
  }
  return Status::Corruption(fmt::format("unknown {} '{}'", what, text));
}

}  // namespace

std::string_view ToString(RunStatus s) {
  switch (s) {
    case RunStatus::kRunning: return "running";
    case RunStatus::kSucceeded: return "succeeded";
    case RunStatus::kFailed: return "failed";
    case RunStatus::kInterrupted: return "interrupted";
  }
  return "?";
}

Result<RunStatus> ParseRunStatus(std::string_view text) {
  static constexpr RunStatus kAll[] = {RunStatus::kRunning, RunStatus::kSucceeded,
                                       RunStatus::kFailed, RunStatus::kInterrupted};
  return ParseEnum(text, kAll, "run status");
}

std::string_view ToString(TaskStatus s) {
  switch (s) {
    case TaskStatus::kRunning: return "running";
    case TaskStatus::kPublished: return "published";
    case TaskStatus::kFailed: return "failed";
    case TaskStatus::kInterrupted: return "interrupted";
    case TaskStatus::kCompared: return "compared";
  }
  return "?";
}

Result<TaskStatus> ParseTaskStatus(std::string_view text) {
  static constexpr TaskStatus kAll[] = {TaskStatus::kRunning, TaskStatus::kPublished,
                                        TaskStatus::kFailed, TaskStatus::kInterrupted,
                                        TaskStatus::kCompared};
  return ParseEnum(text, kAll, "task status");
}

std::string_view ToString(ExecStatus s) {
  switch (s) {
    case ExecStatus::kRunning: return "running";
    case ExecStatus::kSucceeded: return "succeeded";
    case ExecStatus::kFailed: return "failed";
    case ExecStatus::kSignaled: return "signaled";
    case ExecStatus::kTimedOut: return "timed_out";
    case ExecStatus::kMissingOutput: return "missing_output";
    case ExecStatus::kSpawnFailed: return "spawn_failed";
    case ExecStatus::kInterrupted: return "interrupted";
    case ExecStatus::kCancelled: return "cancelled";
    case ExecStatus::kSchedulerKilled: return "killed_by_scheduler";
  }
  return "?";
}

constexpr ExecStatus kAllExecStatuses[] = {
      ExecStatus::kRunning,       ExecStatus::kSucceeded,   ExecStatus::kFailed,
      ExecStatus::kSignaled,      ExecStatus::kTimedOut,    ExecStatus::kMissingOutput,
      ExecStatus::kSpawnFailed,   ExecStatus::kInterrupted, ExecStatus::kCancelled,
      ExecStatus::kSchedulerKilled};

Result<ExecStatus> ParseExecStatus(std::string_view text) {
  return ParseEnum(text, kAllExecStatuses, "execution status");
}

std::string FailureStatusesSql() {
  std::string out;
  for (ExecStatus s : kAllExecStatuses) {
    if (!CountsAsFailure(s)) continue;
    if (!out.empty()) out += ", ";
    out += "'" + std::string(ToString(s)) + "'";
  }
  return out;
}

std::string_view ToString(TaskPurpose p) {
  switch (p) {
    case TaskPurpose::kRun: return "run";
    case TaskPurpose::kReplay: return "replay";
  }
  return "?";
}

Result<TaskPurpose> ParseTaskPurpose(std::string_view text) {
  if (text == "run") return TaskPurpose::kRun;
  if (text == "replay") return TaskPurpose::kReplay;
  return Status::InvalidArgument(fmt::format("unknown task purpose '{}'", text));
}

std::string_view ToString(ChangeSubject s) {
  switch (s) {
    case ChangeSubject::kLegacy: return "legacy";
    case ChangeSubject::kNew: return "new";
    case ChangeSubject::kCompare: return "compare";
  }
  return "?";
}

Result<ChangeSubject> ParseChangeSubject(std::string_view text) {
  static constexpr ChangeSubject kAll[] = {ChangeSubject::kLegacy, ChangeSubject::kNew,
                                           ChangeSubject::kCompare};
  return ParseEnum(text, kAll, "implementation change subject");
}

bool CountsAsFailure(ExecStatus s) {
  switch (s) {
    case ExecStatus::kFailed:
    case ExecStatus::kSignaled:
    case ExecStatus::kTimedOut:
    case ExecStatus::kMissingOutput:
    case ExecStatus::kSpawnFailed:
    case ExecStatus::kSchedulerKilled:
      return true;
    case ExecStatus::kRunning:
    case ExecStatus::kSucceeded:
    case ExecStatus::kInterrupted:
    case ExecStatus::kCancelled:
      return false;
  }
  return false;
}

// 1970-01-05 (a Monday) is 4 days after the epoch (a Thursday).
int64_t WeekStartMs(int64_t ms) {
  constexpr int64_t kMonday = 4LL * 24 * 3600 * 1000;
  int64_t offset = ms - kMonday;
  int64_t week = offset >= 0 ? offset / kWeekMs : -((-offset + kWeekMs - 1) / kWeekMs);
  return kMonday + week * kWeekMs;
}

}  // namespace cutover
