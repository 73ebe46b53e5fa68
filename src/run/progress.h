// What the orchestration layer tells the person watching: a live line on a terminal, plain log
// lines otherwise.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "util/cancel.h"
#include "util/clock.h"

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

// How the console display behaves.
struct ConsoleProgressOptions {
  // `out` is a terminal: one status line (done / running / failed / rate / ETA, run/status_line.h)
  // is kept redrawn under the lines printed above it. Otherwise: plain lines only.
  bool live = false;
  // With `live`: a line per finished task as well. Without `live` there always is one (logs).
  // Failures (failed, blocked, busy, interrupted tasks) and notes are always printed in full.
  bool verbose = false;
  // The terminal's width, which the status line never exceeds; 0 = asked of `out` at each redraw
  // (TIOCGWINSZ, 80 if it does not say).
  int columns = 0;
  // The status line is redrawn at most this often on task events (thousands of tasks a second
  // would otherwise spend their time writing to the terminal), and at least every `tick_ms`
  // (0 = only on events) so that the rate and ETA move during long tasks.
  int64_t redraw_interval_ms = 100;
  int64_t tick_ms = 1000;
  // Rate and ETA are measured on it; null = the system clock. Must outlive the display.
  const Clock* clock = nullptr;
};

// Writes to `out` (usually stderr) as `options` say. When `out` turns out to be a pipe whose
// reader has gone (`cutover run 2>&1 | head -1`: EPIPE, SIGPIPE being blocked), it stops writing
// and cancels `on_closed` (when given): the run stops like an interrupted one, its sides
// stopped, the run marked interrupted, rather than dying half-way.
std::unique_ptr<ProgressSink> MakeConsoleProgress(std::FILE* out, ConsoleProgressOptions options,
                                                  CancelToken* on_closed = nullptr);
// The same with the default options, live or not.
std::unique_ptr<ProgressSink> MakeConsoleProgress(std::FILE* out, bool live,
                                                  CancelToken* on_closed = nullptr);
// Discards everything (tests).
std::unique_ptr<ProgressSink> MakeSilentProgress();

}  // namespace cutover
