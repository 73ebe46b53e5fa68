// FastQC's thresholds (its limits.txt): per module, "ignore" (non-zero hides the module) and the
// warn / error bounds its verdicts compare against. As in FastQC 0.11.9, a limits file (the
// shipped one by default, or `-l FILE`) is laid over the values built into FastQC's code, which
// differ from the shipped file (quality_sequence warn 20 / error 27, kmer not ignored).
#pragma once

#include <map>
#include <set>
#include <string>

#include "util/status.h"

namespace cutover {

class Limits {
 public:
  // FastQC 0.11.9's code defaults overlaid with its shipped limits.txt: what plain `fastqc`
  // uses.
  static Limits FastqcDefaults();
  // Only the code defaults, for overlaying a user's file with Load().
  Limits();

  // Overlays a limits file: "<key> <warn|error|ignore> <number>" lines, '#' comments. Lines
  // FastQC would skip with a warning are skipped with the same warning on *warnings.
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
