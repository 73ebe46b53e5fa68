#include "cli/cli.h"

#include <cstdio>

#include "cli/commands.h"
#include "util/version.h"

namespace cutover {

int ReportError(const Status& status) {
  std::fprintf(stderr, "cutover: %s\n", status.message().c_str());
  switch (status.code()) {
    case StatusCode::kInvalidArgument:
    case StatusCode::kNotFound:
      return kExitUsage;
    case StatusCode::kBusy: return kExitBusy;
    case StatusCode::kCancelled: return kExitInterrupted;
    default: return kExitFailed;
  }
}

namespace {

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      {"init", "write a commented starter cutover.yaml", SetupInit},
      {"validate", "check cutover.yaml and print the step graph", SetupValidate},
      {"run", "run the pipeline for its samples through the routing layer", SetupRun},
      {"step", "run one step for one sample through the routing layer", SetupStep},
      {"route", "set a step's route: legacy | shadow | canary N | new | retired", SetupRoute},
      {"promote", "move a step one stage along (shadow, canary, new) when its gate holds",
       SetupPromote},
      {"rollback", "send a step back to legacy at once", SetupRollback},
      {"routes", "show every step's current route", SetupRoutes},
      {"history", "show route changes: when, who, from, to, why", SetupHistory},
      {"status", "per step: route, executions, comparisons, fallbacks, last failure",
       SetupStatus},
      {"mismatches", "list the comparisons that disagreed (not yet accepted)", SetupMismatches},
      {"diff", "show one comparison as a readable diff", SetupDiff},
      {"accept", "mark a mismatch as expected, with a reason (it then counts as explained)",
       SetupAccept},
      {"calibrate", "run legacy several times on one input and propose noise rules for compare:",
       SetupCalibrate},
      {"replay", "re-run both sides of a recorded execution on the same inputs and compare",
       SetupReplay},
      {"report", "the migration's progress as one HTML page (--md: a sprint summary)",
       SetupReport},
      {"plan", "rank the steps still on legacy: the smallest, safest to migrate next first",
       SetupPlan},
      {"ledger", "ledger maintenance: `ledger copy --from URL --to URL` moves a ledger between "
                 "SQLite and PostgreSQL",
       SetupLedger},
      {"compare", "compare two files with any comparator, like diff (exit 0/1/2)", SetupCompare},
      {"qc", "FastQC-compatible quality control: FastQC's command line and reports, faster",
       SetupQc},
      {"trim", "trim adapters and low-quality ends like cutadapt 4.2 (same reads, same report)",
       SetupTrim},
      {"slurm-job", "run one side inside a Slurm job (internal: written into job scripts)",
       SetupSlurmJob, /*hidden=*/true},
  };
  return kCommands;
}

}  // namespace

// Commands whose arguments are another tool's command line, parsed by the command itself.
int RunVerbatim(const std::string& name, const std::vector<std::string>& args) {
  if (name == "qc") return RunQcCommand(args);
  return -1;
}

int RunCli(int argc, char** argv) {
  if (argc >= 2) {
    int code = RunVerbatim(argv[1], std::vector<std::string>(argv + 2, argv + argc));
    if (code >= 0) return code;
  }
  CLI::App app{"cutover: rebuild a running data pipeline one step at a time", "cutover"};
  app.require_subcommand(1);
  app.fallthrough();  // global options may also follow the subcommand
  app.set_version_flag("--version", "cutover " + std::string(kCutoverVersion));
  GlobalOptions global;
  app.add_option("-f,--file", global.file, "pipeline file (default: $CUTOVER_FILE or cutover.yaml)")
      ->type_name("FILE");
  app.add_option("--ledger", global.ledger,
                 "ledger URL: sqlite:PATH or postgresql://... (default: $CUTOVER_LEDGER, the "
                 "file's settings.ledger, then .cutover/ledger.db)")
      ->type_name("URL");
  Handler chosen;
  for (const Command& c : Commands()) {
    CLI::App* sub = app.add_subcommand(c.name, c.summary);
    if (c.hidden) sub->group("");
    Handler h = c.setup(sub, &global);
    sub->callback([&chosen, h] { chosen = h; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return chosen ? chosen() : kExitUsage;
}

}  // namespace cutover
