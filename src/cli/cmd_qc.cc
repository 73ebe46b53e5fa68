// `cutover qc [FastQC's options] FILES...`: FastQC-compatible reports (qc/). FastQC's command
// line is parsed as FastQC's wrapper does (qc/fastqc_args.h), so a legacy command line only
// changes its program name.
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

#include "cli/commands.h"
#include "qc/analysis.h"
#include "qc/fastqc_args.h"
#include "qc/qc_runner.h"

namespace cutover {

int RunQcCommand(const std::vector<std::string>& args) {
  Result<FastqcArgs> parsed = ParseFastqcArgs(args, std::getenv("CUTOVER_FASTQC_VERSION"));
  if (!parsed.ok()) {
    std::fprintf(stderr, "cutover qc: %s\n", parsed.status().message().c_str());
    return kExitUsage;
  }
  if (parsed->help) {
    std::fputs(FastqcUsage().c_str(), stdout);
    return kExitOk;
  }
  if (parsed->version) {
    std::printf("cutover qc 0.1.0 (FastQC v%s compatible; --fastqc-version 0.12.1 or 0.11.9)\n",
                std::string(ToString(parsed->options.fastqc_version)).c_str());
    return kExitOk;
  }
  const QcOptions& options = parsed->options;
  std::string warnings;
  Result<QcSetup> setup = LoadQcSetup(options, &warnings);
  std::fputs(warnings.c_str(), stderr);
  if (!setup.ok()) {
    std::fprintf(stderr, "cutover qc: %s\n", setup.status().message().c_str());
    return kExitUsage;
  }
  char date[64];
  std::time_t now = std::time(nullptr);
  std::tm local;
  localtime_r(&now, &local);
  std::strftime(date, sizeof date, "%a %e %b %Y", &local);
  std::string date_text = date;
  if (date_text.size() > 4 && date_text[4] == ' ') date_text.erase(4, 1);  // "Sat 8 Nov"
  int failed = 0;
  for (const QcOutcome& outcome : RunQc(options, *setup, date_text, stderr)) {
    if (!outcome.status.ok()) {
      ++failed;
      std::fprintf(stderr, "cutover qc: failed to process %s: %s\n", outcome.name.c_str(),
                   outcome.status.message().c_str());
    }
  }
  return failed == 0 ? kExitOk : kExitFailed;
}

Handler SetupQc(CLI::App* app, const GlobalOptions*) {
  // Normally reached through RunCli's verbatim dispatch (argv[1] == "qc"); this covers global
  // options written before the subcommand.
  app->prefix_command();
  app->allow_extras();
  return [app] { return RunQcCommand(app->remaining()); };
}

}  // namespace cutover
