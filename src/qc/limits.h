// FastQC's thresholds (its limits.txt): per module, "ignore" (non-zero hides the module) and the
// warn / error bounds its verdicts compare against. The defaults are FastQC 0.11.9's built-in
// values overlaid with its shipped limits.txt; `-l FILE` overlays a user's file the same way.
#pragma once

#include <map>
#include <string>

#include "util/status.h"

namespace cutover {

class Limits {
 public:
  Limits();  // FastQC 0.11.9's defaults

  // Overlays a limits file: "<key> <warn|error|ignore> <number>" lines, '#' comments. Lines
  // FastQC would skip with a warning are skipped with the same warning on *warnings.
  Status Load(const std::string& path, std::string* warnings);

  // The value of "<key>:<level>"; level is "warn", "error" or "ignore".
  double Get(const std::string& key, const std::string& level) const;
  bool Ignored(const std::string& key) const { return Get(key, "ignore") > 0; }

 private:
  std::map<std::string, double> values_;
};

}  // namespace cutover
