// The settings Trim Galore derives from its options (galore_args.h): the adapter (given, a
// preset, or auto-detected from the first file's reads), the quality cutoff and Phred offset,
// the stringency, error rate, length and N limits, with the checks and messages of Trim Galore
// 0.6.10.
#pragma once

#include <cstdio>
#include <optional>
#include <string>

#include "trim/galore_args.h"
#include "util/status.h"

namespace cutover::trim {

struct GaloreSettings {
  std::optional<int> cutoff;  // passed to cutadapt (+31 for Phred+64); none with --nextseq
  std::optional<int> phred_score_cutoff;  // for the report
  int phred = 33;
  std::string adapter, adapter_name, report_message, a2;
  int length_cutoff = 20;
  int stringency = 1;
  double error_rate = 0.1;
  std::optional<double> maxn;           // the count (or the fraction itself, see below)
  std::optional<double> maxn_fraction;  // when --max_n is between 0 and 1
  std::string maxn_text;                // as the report prints it
  int length_r1 = 35, length_r2 = 35;
};

// Checks `o` as Trim Galore does (kInvalidArgument with its message) and derives the settings;
// without -a or a preset, reads up to 999,999 reads of the first input to pick the adapter,
// saying what it found on `log`.
Result<GaloreSettings> ResolveGaloreSettings(const GaloreOptions& o, std::FILE* log);

}  // namespace cutover::trim
