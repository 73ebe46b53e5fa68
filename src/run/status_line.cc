#include "run/status_line.h"

#include <fmt/format.h>

#include <algorithm>

#include "util/strings.h"

namespace cutover {

std::string FormatEta(int64_t ms) {
  const int64_t s = std::max<int64_t>(0, (ms + 999) / 1000);
  if (s < 60) return fmt::format("{}s", s);
  if (s < 3600) return fmt::format("{}m{:02}s", s / 60, s % 60);
  if (s < 86400) return fmt::format("{}h{:02}m", s / 3600, (s % 3600) / 60);
  return fmt::format("{}d{}h", s / 86400, (s % 86400) / 3600);
}

std::string FormatStatusLine(const RunCounts& counts, int64_t elapsed_ms, int columns) {
  const size_t width = static_cast<size_t>(std::max(20, columns) - 1);
  std::string line = fmt::format("[{}/{}] {} running, {} failed", counts.finished, counts.total,
                                 counts.running.size(), counts.failed);
  if (elapsed_ms >= 1000 && counts.finished > 0) {
    const double rate = counts.finished * 1000.0 / static_cast<double>(elapsed_ms);
    line += rate >= 10 ? fmt::format(" | {:.0f}/s", rate) : fmt::format(" | {:.2f}/s", rate);
    const int left = std::max(0, counts.total - counts.finished);
    line += " | ETA " + FormatEta(static_cast<int64_t>(left * 1000.0 / rate));
  } else {
    line += " | ETA ?";
  }
  if (line.size() > width) return line.substr(0, width);
  std::string names;
  for (const std::string& name : counts.running) {
    names += (names.empty() ? " | " : ", ") + OneLineForTerminal(name);
    if (line.size() + names.size() > width) break;
  }
  line += names;
  if (line.size() > width) {
    line.resize(width - 3);
    line += "...";
  }
  return line;
}

}  // namespace cutover
