// Turning Ctrl-C / SIGTERM / SIGHUP into a CancelToken, without a signal handler or a global:
// the signals are blocked in every thread and one watcher thread sigwait()s for them.
#pragma once

#include <thread>

#include "util/cancel.h"

namespace cutover {

// What a write to a closed pipe does. kDie (the default, what filters do: `cutover trim | head`
// ends quietly) or kError: SIGPIPE is blocked too, so the write fails with EPIPE and the caller
// decides (`cutover run 2>&1 | head -1` turns it into an interruption, run/progress.h).
enum class ClosedPipe { kDie, kError };

class SignalWatcher {
 public:
  // Must be constructed before any other thread starts (threads inherit the blocked mask).
  explicit SignalWatcher(CancelToken* cancel, ClosedPipe closed_pipe = ClosedPipe::kDie);
  ~SignalWatcher();
  SignalWatcher(const SignalWatcher&) = delete;
  SignalWatcher& operator=(const SignalWatcher&) = delete;
  // The signal that cancelled, or 0.
  int signal() const { return signal_; }

 private:
  CancelToken* cancel_;
  int signal_ = 0;
  std::thread thread_;
};

}  // namespace cutover
