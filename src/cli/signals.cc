#include "cli/signals.h"

#include <pthread.h>
#include <signal.h>

namespace cutover {
namespace {

sigset_t WatchedSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGUSR1);  // used only to wake the watcher at shutdown
  return set;
}

}  // namespace

SignalWatcher::SignalWatcher(CancelToken* cancel, ClosedPipe closed_pipe) : cancel_(cancel) {
  sigset_t set = WatchedSignals();
  // SIGPIPE is not waited for: it is sent to the thread that wrote to the closed pipe, which
  // then gets EPIPE instead of dying.
  sigset_t blocked = set;
  if (closed_pipe == ClosedPipe::kError) sigaddset(&blocked, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &blocked, nullptr);
  thread_ = std::thread([this, set] {
    while (true) {
      int sig = 0;
      if (sigwait(&set, &sig) != 0) continue;
      if (sig == SIGUSR1) return;
      signal_ = sig;
      cancel_->Cancel();
    }
  });
}

SignalWatcher::~SignalWatcher() {
  pthread_kill(thread_.native_handle(), SIGUSR1);
  thread_.join();
}

}  // namespace cutover
