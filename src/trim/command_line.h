// cutadapt 4.2's command line, parsed into TrimOptions: the same options, spellings, defaults
// and checks (argparse style: "-q 20", "-q20", "--quality-cutoff=20", unique prefixes of long
// options, options before or after the inputs). Options cutover does not implement are an
// error naming the option, never silently ignored.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "trim/trim_options.h"
#include "trim/trim_runner.h"
#include "util/status.h"

namespace cutover::trim {

enum class ReportKind { kFull, kMinimal };

struct CommandLine {
  TrimOptions options;
  TrimIo io;
  std::vector<std::string> args;  // as given, for the report
  bool help = false;
  bool version = false;
  bool quiet = false;
  ReportKind report = ReportKind::kFull;
  std::optional<std::string> json_path;
  double gc_content = 50;  // percent (cutadapt's hidden --gc-content)
  int cores = 1;           // as given (0: all cores); io.threads holds the resolved number
};

// kInvalidArgument with cutadapt's wording where it has one.
Result<CommandLine> ParseCommandLine(const std::vector<std::string>& args);

// The usage text of `cutover trim --help`.
std::string Usage();

}  // namespace cutover::trim
