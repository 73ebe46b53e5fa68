// Consuming the results of numbered pieces of work in number order when several threads produce
// them in any order, without a thread of its own: whichever producer hands in the next result in
// order consumes it, and every consecutive result that is ready after it ("combining"). A
// producer whose result is not next leaves it and goes on with other work; no thread sleeps
// waiting for its turn. Memory stays bounded: piece i may start only when fewer than
// `max_in_flight` pieces before it are still unconsumed.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "util/status.h"

namespace cutover::trim {

// Thread-safe. T is movable. The consume function runs on one thread at a time, in index order
// (0, 1, 2, ...), outside the lock; its first error stops everything: later results are
// dropped, WaitForRoom returns false, and status() returns that error.
template <typename T>
class OrderedOutput {
 public:
  using Consume = std::function<Status(T&)>;

  OrderedOutput(size_t max_in_flight, Consume consume)
      : max_in_flight_(max_in_flight < 1 ? 1 : max_in_flight),
        consume_(std::move(consume)),
        slots_(max_in_flight_) {}
  OrderedOutput(const OrderedOutput&) = delete;
  OrderedOutput& operator=(const OrderedOutput&) = delete;

  // Blocks until piece `index` may start (index < the next to consume + max_in_flight). false
  // when stopped.
  bool WaitForRoom(int64_t index) {
    std::unique_lock lock(mu_);
    if (!stopped_ && index >= next_ + static_cast<int64_t>(max_in_flight_)) {
      ++waiting_;
      room_.wait(lock,
                 [&] { return stopped_ || index < next_ + static_cast<int64_t>(max_in_flight_); });
      --waiting_;
    }
    return !stopped_;
  }

  // Hands in the result of piece `index` (which WaitForRoom(index) allowed; each index once).
  // Consumes it on this thread if it is next and no other thread is consuming, then the results
  // that follow it as long as they are ready.
  void Put(int64_t index, T result) {
    std::unique_lock lock(mu_);
    if (stopped_) return;
    slots_[Slot(index)].emplace(std::move(result));
    if (consuming_) return;  // the consuming thread looks for it before it stops
    consuming_ = true;
    while (!stopped_ && slots_[Slot(next_)].has_value()) {
      T item = std::move(*slots_[Slot(next_)]);
      slots_[Slot(next_)].reset();
      lock.unlock();
      Status s = consume_(item);
      lock.lock();
      ++next_;
      if (!s.ok()) Fail(std::move(s));
      if (waiting_ > 0) room_.notify_all();
    }
    consuming_ = false;
  }

  // Stops everything with `status` (kept only if no error came first), e.g. on cancellation.
  void Stop(Status status) {
    std::lock_guard lock(mu_);
    Fail(std::move(status));
    room_.notify_all();
  }

  bool stopped() const {
    std::lock_guard lock(mu_);
    return stopped_;
  }
  // The first error (Ok if none).
  Status status() const {
    std::lock_guard lock(mu_);
    return status_;
  }
  // How many results were consumed (all of 0 .. consumed() - 1).
  int64_t consumed() const {
    std::lock_guard lock(mu_);
    return next_;
  }

 private:
  size_t Slot(int64_t index) const { return static_cast<size_t>(index) % max_in_flight_; }
  void Fail(Status s) {  // mu_ held
    if (stopped_) return;
    stopped_ = true;
    status_ = std::move(s);
    for (std::optional<T>& slot : slots_) slot.reset();
  }

  // Constant after construction.
  const size_t max_in_flight_;
  const Consume consume_;
  // Guarded by mu_.
  mutable std::mutex mu_;
  std::condition_variable room_;
  std::vector<std::optional<T>> slots_;  // piece i's result at i % max_in_flight_ until consumed
  int64_t next_ = 0;                     // the next index to consume
  int waiting_ = 0;                      // threads in WaitForRoom
  bool consuming_ = false;               // a thread is in the consume loop
  bool stopped_ = false;
  Status status_;
};

}  // namespace cutover::trim
