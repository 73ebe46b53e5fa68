// `cutover trim [cutadapt options] IN [IN2]`: cutadapt 4.2's command line, output and reports.
// Needs no cutover.yaml. Everything after `trim` is cutadapt's command line (see
// trim/command_line.h); `cutover trim galore ...` is the Trim Galore mode.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <thread>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/signals.h"
#include "trim/command_line.h"
#include "trim/galore.h"
#include "trim/read_trimmer.h"
#include "trim/report.h"
#include "trim/trim_runner.h"
#include "util/file.h"
#include "util/strings.h"

namespace cutover {
namespace {

bool IsStdout(const std::string& path) { return path == "-"; }

// Whether two descriptors are the same open file (a terminal, or `>log 2>&1`).
bool SameOpenFile(int a, int b) {
  struct stat sa, sb;
  if (::fstat(a, &sa) != 0 || ::fstat(b, &sb) != 0) return false;
  return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

constexpr const char* kVersionLine =
    "This is cutadapt 4.2 compatible cutover trim 0.1.0 (same reads, same report)";

int UsageError(const std::string& message) {
  std::fprintf(stderr, "Run \"cutover trim --help\" to see command-line options.\n");
  std::fprintf(stderr, "See docs/trim.md for what is supported.\n\n");
  std::fprintf(stderr, "cutover trim: error: %s\n", message.c_str());
  return kExitUsage;
}

int RunCutadaptMode(const std::vector<std::string>& args) {
  auto parsed = trim::ParseCommandLine(args);
  if (!parsed.ok()) return UsageError(parsed.status().message());
  trim::CommandLine& cl = *parsed;
  if (cl.help) {
    std::cout << trim::Usage();
    return kExitOk;
  }
  if (cl.version) {
    std::cout << "4.2 (cutover trim 0.1.0)\n";
    return kExitOk;
  }
  // As cutadapt: the log goes to stderr when reads go to stdout.
  const bool log_to_stderr = cl.io.output1 == "-" || cl.io.output2 == "-" ||
                             std::ranges::any_of(cl.io.too_short_output, IsStdout) ||
                             std::ranges::any_of(cl.io.too_long_output, IsStdout) ||
                             std::ranges::any_of(cl.io.untrimmed_output, IsStdout);
  FILE* log = log_to_stderr ? stderr : stdout;
  const bool info = !cl.quiet && cl.report == trim::ReportKind::kFull;
  const bool report = !cl.quiet;
  // An error goes where the report goes (as cutadapt logs it), and to stderr too when that is
  // somewhere else (the report redirected to a file), so the person who ran it sees why it
  // failed; never twice on one terminal or file.
  auto log_error = [&](const std::string& message) {
    std::fprintf(log, "ERROR: %s\n", message.c_str());
    std::fflush(log);
    if (log != stderr && !SameOpenFile(fileno(log), STDERR_FILENO)) {
      std::fprintf(stderr, "ERROR: %s\n", message.c_str());
    }
  };
  if (info) {
    std::fprintf(log, "%s\n", kVersionLine);
    std::fprintf(log, "Command line parameters: %s\n", Join(args, " ").c_str());
    std::fflush(log);
  }
  // Adapters are built here too, for the report (and to fail early on a bad one).
  auto trimmer = trim::ReadTrimmer::Create(cl.options);
  if (!trimmer.ok()) {
    log_error(trimmer.status().message());
    return trimmer.status().code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailed;
  }
  if (!cl.quiet) {  // cutadapt's warnings show but with --quiet
    for (int mate = 0; mate < 2; ++mate) {
      for (const std::string& w : trim::DuplicateAdapterWarnings(trimmer->adapters(mate))) {
        std::fprintf(log, "WARNING: %s\n", w.c_str());
      }
    }
  }
  if (info) {
    std::fprintf(log, "Processing %s reads on %d core%s ...\n",
                 cl.options.paired ? "paired-end" : "single-end", cl.io.threads,
                 cl.io.threads > 1 ? "s" : "");
  }
  std::fflush(log);
  CancelToken cancel;
  SignalWatcher watcher(&cancel);
  const auto start = std::chrono::steady_clock::now();
  auto stats = trim::RunTrim(cl.options, cl.io, &cancel);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!stats.ok()) {
    if (stats.status().code() == StatusCode::kCancelled) {
      std::fprintf(stderr, "Interrupted\n");
      return kExitInterrupted;
    }
    // As cutadapt: an input or I/O error (mispaired mates, a malformed record, a missing file).
    log_error(stats.status().message());
    return kExitFailed;
  }
  std::array<std::vector<trim::Adapter>, 2> adapters = {trimmer->adapters(0), trimmer->adapters(1)};
  trim::ReportInput in{&*stats, &adapters, seconds, cl.gc_content / 100.0};
  if (report) {
    std::string text =
        cl.report == trim::ReportKind::kMinimal ? trim::MinimalReport(in) : trim::FullReport(in);
    std::fprintf(log, "%s\n", text.c_str());
    std::fflush(log);
  }
  if (cl.json_path) {
    trim::JsonContext ctx;
    ctx.command_line = args;
    ctx.path1 = cl.io.input1;
    if (cl.options.paired) ctx.path2 = cl.io.input2;
    ctx.cores = cl.io.threads;
    // As cutadapt: a file of that name, even "-".
    Status s = WriteFileAtomic(*cl.json_path, trim::JsonReport(in, ctx));
    if (!s.ok()) {
      std::fprintf(stderr, "ERROR: %s\n", s.message().c_str());
      return kExitFailed;
    }
  }
  return kExitOk;
}

int RunGaloreMode(const std::vector<std::string>& args) {
  auto parsed = trim::ParseGaloreCommandLine(args);
  if (!parsed.ok()) {
    std::fprintf(stderr, "cutover trim galore: error: %s\n", parsed.status().message().c_str());
    return kExitUsage;
  }
  if (parsed->help) {
    std::cout << trim::GaloreUsage();
    return kExitOk;
  }
  if (parsed->version) {
    std::cout << "Trim Galore 0.6.10 compatible mode of cutover trim 0.1.0\n";
    return kExitOk;
  }
  CancelToken cancel;
  SignalWatcher watcher(&cancel);
  Status s = trim::RunGalore(*parsed, stderr);
  if (!s.ok()) {
    std::fprintf(stderr, "cutover trim galore: %s\n", s.message().c_str());
    return s.code() == StatusCode::kInvalidArgument ? kExitUsage : kExitFailed;
  }
  return kExitOk;
}

}  // namespace

Handler SetupTrim(CLI::App* app, const GlobalOptions*) {
  // cutadapt's command line is parsed by trim::ParseCommandLine, not by CLI11: every argument
  // after `trim` is passed through as it is.
  app->prefix_command();
  app->set_help_flag();
  app->allow_extras();
  app->fallthrough(false);
  app->footer("Run `cutover trim --help` for the cutadapt-compatible options.");
  return [app] {
    std::vector<std::string> args = app->remaining();
    if (!args.empty() && args[0] == "galore") {
      return RunGaloreMode(std::vector<std::string>(args.begin() + 1, args.end()));
    }
    return RunCutadaptMode(args);
  };
}

}  // namespace cutover
