// FastQC's thresholds (its limits.txt): per module, "ignore" (non-zero hides the module) and the
// warn / error bounds its verdicts compare against. As in FastQC, a limits file (the default
// one, built in from src/qc/data/limits.txt, or `-l FILE`) is laid over the values built into
// FastQC's code, which differ from the default file (quality_sequence warn 20 / error 27, kmer
// not ignored).
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>

#include "util/status.h"

namespace cutover {

class Limits {
 public:
  // FastQC's code defaults, for overlaying a limits file with Parse() or Load().
  Limits();

  // Overlays a limits file's text: "<key> <warn|error|ignore> <number>" lines, '#' comments.
  // Lines FastQC would skip with a warning are skipped with the same warning on *warnings.
  void Parse(std::string_view text, std::string* warnings);
  // Parse() on a file's text; kNotFound when it cannot be read.
  Status Load(const std::string& path, std::string* warnings);

  // The value of "<key>:<level>"; level is "warn", "error" or "ignore".
  double Get(const std::string& key, const std::string& level) const;
  bool Ignored(const std::string& key) const { return Get(key, "ignore") > 0; }
  // Whether a limits file set this value.
  bool Has(const std::string& key, const std::string& level) const;

 private:
  std::map<std::string, double> values_;
  std::set<std::string> from_file_;
};

}  // namespace cutover
