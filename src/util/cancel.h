// A flag that asks running work to stop (set from a signal-watching thread on Ctrl-C).
#pragma once

#include <atomic>

namespace cutover {

// Thread-safe. Cancel() may be called from any thread; never from a signal handler (use a
// thread that waits with sigwait instead).
class CancelToken {
 public:
  void Cancel() { cancelled_.store(true, std::memory_order_release); }
  bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }

 private:
  std::atomic<bool> cancelled_{false};
};

}  // namespace cutover
