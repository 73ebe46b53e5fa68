// FastQC's command line, as its wrapper parses it (Perl Getopt::Long): options start with '-'
// or '--', are case-insensitive, may be abbreviated to any unique prefix, and take their value
// as the next argument or after '='. `-c`, `-a`, `-l` mean --contaminants, --adapters and
// --limits as FastQC's help says (FastQC's own parser finds `-c` ambiguous; see docs/qc.md).
// Everything else is an input file. Unknown options are errors, never ignored. FastQC 0.12.1's
// options are accepted; `--fastqc-version` (cutover's own) picks the release to reproduce.
#pragma once

#include <string>
#include <vector>

#include "qc/qc_options.h"
#include "util/status.h"

namespace cutover {

struct FastqcArgs {
  QcOptions options;
  bool help = false;
  bool version = false;
};

// kInvalidArgument with FastQC's wording ("Unknown option: x", "Option e is ambiguous
// (expgroup, extract)") plus what to do. `version_default` is the FastQC version to reproduce
// when no --fastqc-version is given (the CLI passes $CUTOVER_FASTQC_VERSION; null or empty:
// kDefaultFastqcVersion).
Result<FastqcArgs> ParseFastqcArgs(const std::vector<std::string>& args,
                                   const char* version_default = nullptr);

// The text of `cutover qc --help`.
std::string FastqcUsage();

}  // namespace cutover
