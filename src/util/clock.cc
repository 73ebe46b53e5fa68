#include "util/clock.h"

#include <chrono>
#include <cstdio>
#include <ctime>

namespace cutover {
namespace {

class RealClock : public Clock {
 public:
  int64_t NowMs() const override {
    using namespace std::chrono;
    return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
  }
};

class Shifted : public Clock {
 public:
  explicit Shifted(int64_t start_ms) : offset_ms_(start_ms - real_.NowMs()) {}
  int64_t NowMs() const override { return real_.NowMs() + offset_ms_; }

 private:
  RealClock real_;
  const int64_t offset_ms_;
};

}  // namespace

std::unique_ptr<Clock> ShiftedClock(int64_t start_ms) { return std::make_unique<Shifted>(start_ms); }

Result<int64_t> ParseUtc(std::string_view text) {
  const std::string s(text);
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0, ms = 0;
  int consumed = 0;
  bool ok = false;
  if (s.size() == 10) {
    ok = std::sscanf(s.c_str(), "%4d-%2d-%2d%n", &y, &mo, &d, &consumed) == 3 && consumed == 10;
  } else if (s.size() == 20) {
    ok = std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo, &d, &h, &mi, &sec,
                     &consumed) == 6 && consumed == 20;
  } else if (s.size() == 24) {
    ok = std::sscanf(s.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3dZ%n", &y, &mo, &d, &h, &mi, &sec, &ms,
                     &consumed) == 7 && consumed == 24;
  }
  ok = ok && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && sec <= 60 &&
       y >= 1970;
  if (!ok) {
    return Status::InvalidArgument("'" + s +
                                   "' is not a UTC time like 2026-11-23 or 2026-11-23T09:00:00Z");
  }
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  const int64_t secs = static_cast<int64_t>(timegm(&tm));
  if (FormatUtc(secs * 1000).substr(0, 10) != s.substr(0, 10)) {
    return Status::InvalidArgument("'" + s + "' is not a valid date");
  }
  return secs * 1000 + ms;
}

std::unique_ptr<Clock> SystemClock() { return std::make_unique<RealClock>(); }

std::string FormatUtc(int64_t ms) {
  std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace cutover
