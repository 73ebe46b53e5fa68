// cutadapt 4.2's reports, reproduced from the statistics: the full text report (the
// "=== Summary ===" format that MultiQC's cutadapt module parses), the minimal tab-separated
// one, and the --json report (cutadapt's schema 0.1, laid out as cutadapt lays it out).
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "trim/adapter.h"
#include "trim/statistics.h"

namespace cutover::trim {

struct ReportInput {
  const TrimStats* stats = nullptr;
  const std::array<std::vector<Adapter>, 2>* adapters = nullptr;  // as given, per read
  double seconds = 0;          // wall-clock time, for "Finished in"
  double gc_content = 0.5;     // for the "expect" column (--gc-content / 100)
};

// Everything cutadapt prints from "Finished in ..." on, without a final newline; "No reads
// processed!" when there were none.
std::string FullReport(const ReportInput& in);
// The header line and the values line of --report=minimal.
std::string MinimalReport(const ReportInput& in);

struct JsonContext {
  std::vector<std::string> command_line;  // the arguments after `cutover trim`
  std::string path1;
  std::optional<std::string> path2;
  int cores = 1;
};
// The --json document, ending with a newline.
std::string JsonReport(const ReportInput& in, const JsonContext& context);

// Python's format(n, ",d"): 1234567 -> "1,234,567".
std::string WithThousands(int64_t n);

}  // namespace cutover::trim
