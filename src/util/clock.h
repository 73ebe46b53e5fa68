// Wall clock behind an interface: tests and demos use a fixed or advanced time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "util/status.h"

namespace cutover {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch (UTC).
  virtual int64_t NowMs() const = 0;
};

// The real system clock.
std::unique_ptr<Clock> SystemClock();

// "2026-11-23T21:19:00Z" for a Unix time in milliseconds.
std::string FormatUtc(int64_t ms);

// Reads "2026-11-23", "2026-11-23T21:19:00Z" or "2026-11-23T21:19:00.250Z" (UTC) as Unix
// milliseconds. kInvalidArgument otherwise.
Result<int64_t> ParseUtc(std::string_view text);

// The system clock shifted so that it read `start_ms` when this object was made: time still
// passes at the real rate. Used for the CUTOVER_NOW override (demos and tests play weeks of a
// migration in minutes); never set in production.
std::unique_ptr<Clock> ShiftedClock(int64_t start_ms);

}  // namespace cutover
