// Wall clock behind an interface: tests and demos use a fixed or advanced time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace cutover {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch (UTC).
  virtual int64_t NowMs() const = 0;
};

// The real system clock.
std::unique_ptr<Clock> SystemClock();

// A clock that returns what it was set to. Not thread-safe to Set concurrently with NowMs.
class FakeClock : public Clock {
 public:
  explicit FakeClock(int64_t now_ms) : now_ms_(now_ms) {}
  int64_t NowMs() const override { return now_ms_; }
  void Set(int64_t now_ms) { now_ms_ = now_ms; }
  void Advance(int64_t ms) { now_ms_ += ms; }

 private:
  int64_t now_ms_;
};

// "2026-11-23T21:19:00Z" for a Unix time in milliseconds.
std::string FormatUtc(int64_t ms);

}  // namespace cutover
