// The text files of a FastQC report: fastqc_data.txt (every module's verdict and rows) and
// summary.txt (one "PASS\t<module>\t<file>" line per module).
#pragma once

#include <string>

#include "qc/analysis.h"
#include "qc/fastqc_version.h"

namespace cutover {

// The version written on fastqc_data.txt's first line: the FastQC version reproduced, with our
// build as semver metadata ("0.12.1+cutover.0.1.0"), so tools reading the version see FastQC's.
std::string FastqcVersionText(FastqcVersion version);

std::string FastqcDataText(const QcResult& result);
std::string SummaryText(const QcResult& result);

}  // namespace cutover
