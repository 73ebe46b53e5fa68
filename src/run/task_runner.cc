#include "run/task_runner.h"

namespace cutover {

std::string_view ToString(TaskResultKind kind) {
  switch (kind) {
    case TaskResultKind::kPublished: return "published";
    case TaskResultKind::kSkipped: return "skipped";
    case TaskResultKind::kFailed: return "failed";
    case TaskResultKind::kInterrupted: return "interrupted";
    case TaskResultKind::kBusy: return "busy";
    case TaskResultKind::kCompared: return "compared";
  }
  return "?";
}

}  // namespace cutover
