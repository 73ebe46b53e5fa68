// FastQC's command line, as its wrapper parses it (Perl Getopt::Long): options start with '-'
// or '--', are case-insensitive, may be abbreviated to any unique prefix, and take their value
// as the next argument or after '='. `-c`, `-a`, `-l` mean --contaminants, --adapters and
// --limits as FastQC's help says (FastQC's own parser finds `-c` ambiguous; see docs/qc.md).
// Everything else is an input file. Unknown options are errors, never ignored.
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
// (expgroup, extract)") plus what to do.
Result<FastqcArgs> ParseFastqcArgs(const std::vector<std::string>& args);

// The text of `cutover qc --help`.
std::string FastqcUsage();

}  // namespace cutover
