// Runs FastQC's modules over one input (a FASTQ file, or a CASAVA group read as one): reads
// and checks every record, then feeds the modules in file order. With threads > 1, reading
// and decompression overlap the modules, and the modules are split between threads by their
// cost; each module still sees every read in order, so the result does not depend on threads.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "qc/contaminant_finder.h"
#include "qc/limits.h"
#include "qc/module.h"
#include "qc/qc_options.h"
#include "qc/sequence_lists.h"
#include "util/status.h"

namespace cutover {

// Everything the modules need that does not change between files.
struct QcSetup {
  Limits limits;
  std::vector<NamedSequence> adapters;
  std::vector<NamedSequence> contaminants;
  std::unique_ptr<ContaminantFinder> finder;
};

// Loads limits, adapters and contaminants per the options (-l, -a, -c), or the built-in
// defaults of options.fastqc_version; never reads an installed FastQC.
// Errors name the file; warnings FastQC would print go to *warnings.
Result<QcSetup> LoadQcSetup(const QcOptions& options, std::string* warnings);

struct QcResult {
  std::string display_name;  // what the report calls the input
  FastqcVersion fastqc_version = kDefaultFastqcVersion;  // whose report this is
  std::vector<std::unique_ptr<QcModule>> modules;  // finished, in FastQC's order
  int64_t reads = 0;
};

// Analyses `paths` (one file, or a CASAVA group in order) as one input. Errors name the file,
// the record and the line ("x.fq: record 12 (line 45): ...").
Result<QcResult> AnalyseInput(const std::vector<std::string>& paths,
                              const std::string& display_name, const QcOptions& options,
                              const QcSetup& setup);

}  // namespace cutover
