// The text files of a FastQC report: fastqc_data.txt (every module's verdict and rows) and
// summary.txt (one "PASS\t<module>\t<file>" line per module).
#pragma once

#include <string>

#include "qc/analysis.h"

namespace cutover {

// The version written on fastqc_data.txt's first line: FastQC's format version with our
// build as semver metadata, so tools reading the version see 0.11.9.
inline constexpr const char* kFastqcFormatVersion = "0.11.9+cutover.0.1.0";

std::string FastqcDataText(const QcResult& result);
std::string SummaryText(const QcResult& result);

}  // namespace cutover
