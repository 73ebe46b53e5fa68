// Turning Ctrl-C / SIGTERM / SIGHUP into a CancelToken, without a signal handler or a global:
// the signals are blocked in every thread and one watcher thread sigwait()s for them. SIGPIPE is
// blocked as well, so a closed output is an EPIPE error, not a death.
#pragma once

#include <thread>

#include "util/cancel.h"

namespace cutover {

class SignalWatcher {
 public:
  // Must be constructed before any other thread starts (threads inherit the blocked mask).
  explicit SignalWatcher(CancelToken* cancel);
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
