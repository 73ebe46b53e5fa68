// What the orchestration layer tells the person watching: a live line on a terminal, plain log
// lines otherwise.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "util/cancel.h"

namespace cutover {

struct TaskEvent {
  std::string step;
  std::string sample;
  std::string what;    // "published (legacy, 1.2s)", "skipped (unchanged)", "FAILED: ..."
  bool failure = false;
};

// Thread-safe: called from worker threads.
class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  virtual void SetTotal(int total) = 0;
  virtual void TaskStarted(const std::string& step, const std::string& sample) = 0;
  virtual void TaskFinished(const TaskEvent& event) = 0;
  // Anything else worth a line (a lock wait, an automatic rollback, a shadow result).
  virtual void Note(const std::string& line) = 0;
  // Called once at the end so a live display can clear its line.
  virtual void Finish() = 0;
};

// Writes to `out` (usually stderr). With `live` (a terminal), keeps a redrawn status line
// "[12/40] running: qc/s1, trim/s2" under the log lines. When `out` turns out to be a pipe whose
// reader has gone (`cutover run 2>&1 | head -1`: EPIPE, SIGPIPE being blocked), it stops writing
// and cancels `on_closed` (when given): the run stops like an interrupted one, its sides
// stopped, the run marked interrupted, rather than dying half-way.
std::unique_ptr<ProgressSink> MakeConsoleProgress(std::FILE* out, bool live,
                                                  CancelToken* on_closed = nullptr);
// Discards everything (tests).
std::unique_ptr<ProgressSink> MakeSilentProgress();

}  // namespace cutover
