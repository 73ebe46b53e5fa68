// `cutover qc` over a list of inputs: groups them (--casava), analyses each, and publishes
// FastQC's outputs for it: <name>_fastqc.html, <name>_fastqc.zip and with --extract the
// <name>_fastqc/ folder. Outputs appear under their final names only when complete (written
// aside, fsynced, renamed). A failing input is reported and the others still get their reports.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "qc/analysis.h"
#include "qc/qc_options.h"
#include "util/status.h"

namespace cutover {

// FastQC's report name for an input file name: the name minus .gz, .bz2, .txt, .fastq, .fq,
// .csfastq, .sam, .bam and (FastQC 0.12.1) .ubam, each removed once, in that order, when at
// the end.
std::string ReportBaseName(std::string_view file_name,
                           FastqcVersion version = kDefaultFastqcVersion);

// CASAVA 1.8 set member ("s_L001_R1_001.fastq.gz") → the set's name ("s_L001_R1.fastq.gz"),
// or empty when the name is not one.
std::string CasavaBaseName(std::string_view file_name);

struct QcInput {
  std::vector<std::string> paths;  // read in order as one input
  std::string name;                // the name the report carries (a file name)
  std::string dir;                 // where the report goes when there is no -o
};
std::vector<QcInput> GroupInputs(const QcOptions& options);

struct QcOutcome {
  std::string name;
  Status status;
  std::string html_path;
};

// `date` is the report's date line ("Sat 28 Nov 2026"). Progress lines go to `progress`
// unless options.quiet.
std::vector<QcOutcome> RunQc(const QcOptions& options, const QcSetup& setup,
                             const std::string& date, std::FILE* progress);

}  // namespace cutover
