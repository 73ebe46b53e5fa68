// The subcommand table. Each command declares its options on its CLI11 subcommand and returns
// the handler that runs it; the handler returns the process exit code (see cli.h).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/project.h"
#include "run/task_executor.h"

namespace cutover {

using Handler = std::function<int()>;
using CommandSetup = std::function<Handler(CLI::App* app, const GlobalOptions* global)>;

struct Command {
  std::string name;
  std::string summary;
  CommandSetup setup;
  bool hidden = false;  // internal: not listed in --help
};

// Exit codes.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitBusy = 3;
inline constexpr int kExitInterrupted = 130;

// Opens the project, recovers dead runs, takes the run lock and records the run; `body` does
// the work and returns its exit code (cmd_run.cc). `verbose`: a line per finished task on a
// terminal too (run/progress.h). `only_samples`: the command works on these samples only (the
// DAG is built for them alone: Project::Open).
int WithRun(const GlobalOptions& global, const std::string& command,
            const std::function<int(Project&, TaskExecutor&, const CancelToken&)>& body,
            bool verbose = false, std::vector<std::string> only_samples = {});

// Prints "cutover: <message>" to stderr and returns the exit code for the status.
int ReportError(const Status& status);

Handler SetupInit(CLI::App* app, const GlobalOptions* global);
Handler SetupValidate(CLI::App* app, const GlobalOptions* global);
Handler SetupRun(CLI::App* app, const GlobalOptions* global);
Handler SetupStep(CLI::App* app, const GlobalOptions* global);
Handler SetupRoute(CLI::App* app, const GlobalOptions* global);
Handler SetupRollback(CLI::App* app, const GlobalOptions* global);
Handler SetupRoutes(CLI::App* app, const GlobalOptions* global);
Handler SetupHistory(CLI::App* app, const GlobalOptions* global);
Handler SetupStatus(CLI::App* app, const GlobalOptions* global);
Handler SetupCompare(CLI::App* app, const GlobalOptions* global);
Handler SetupPromote(CLI::App* app, const GlobalOptions* global);
Handler SetupMismatches(CLI::App* app, const GlobalOptions* global);
Handler SetupDiff(CLI::App* app, const GlobalOptions* global);
Handler SetupAccept(CLI::App* app, const GlobalOptions* global);
Handler SetupReplay(CLI::App* app, const GlobalOptions* global);
Handler SetupRecompare(CLI::App* app, const GlobalOptions* global);
Handler SetupCalibrate(CLI::App* app, const GlobalOptions* global);
Handler SetupTrim(CLI::App* app, const GlobalOptions* global);
Handler SetupQc(CLI::App* app, const GlobalOptions* global);
Handler SetupReport(CLI::App* app, const GlobalOptions* global);
Handler SetupPlan(CLI::App* app, const GlobalOptions* global);
Handler SetupLedger(CLI::App* app, const GlobalOptions* global);
Handler SetupSlurmJob(CLI::App* app, const GlobalOptions* global);

// Commands that take a foreign tool's command line verbatim (argv after the command name).
int RunQcCommand(const std::vector<std::string>& args);

}  // namespace cutover
