// The one line `cutover run` keeps redrawn at the bottom of a terminal: how far the run is, how
// fast it goes and when it should end. Pure: the caller gives the counts and the time.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cutover {

struct RunCounts {
  int total = 0;     // tasks in the run
  int finished = 0;  // published, up to date, failed, blocked, busy or interrupted
  int failed = 0;    // of `finished`: anything but published or up to date
  std::vector<std::string> running;  // "step/sample", oldest first (not yet made terminal-safe)
};

// "[1200/300000] 2 running, 3 failed | 41.7/s | ETA 1h59m | qc/s1, trim/s2": the rate is the
// tasks finished per second since the run started (`elapsed_ms`); the ETA the tasks left at
// that rate ("ETA ?" before the first finished task or the first second). The running tasks'
// names come last and are cut first: the line never exceeds `columns` - 1 characters, so a
// terminal does not wrap it (a wrapped line can no longer be redrawn with a carriage return).
std::string FormatStatusLine(const RunCounts& counts, int64_t elapsed_ms, int columns);

// An estimated time left, coarse on purpose: "45s", "12m30s", "3h05m", "2d4h".
std::string FormatEta(int64_t ms);

}  // namespace cutover
