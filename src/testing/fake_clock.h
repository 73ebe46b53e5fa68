// For tests only: a clock that returns what it was set to. Not thread-safe to Set concurrently
// with NowMs.
#pragma once

#include <cstdint>

#include "util/clock.h"

namespace cutover {

class FakeClock : public Clock {
 public:
  explicit FakeClock(int64_t now_ms) : now_ms_(now_ms) {}
  int64_t NowMs() const override { return now_ms_; }
  void Set(int64_t now_ms) { now_ms_ = now_ms; }
  void Advance(int64_t ms) { now_ms_ += ms; }

 private:
  int64_t now_ms_;
};

}  // namespace cutover
