// Opening a project from the command line: the pipeline file, its state folder, the ledger,
// and the real process runner, clock and progress display.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "ledger/ledger.h"
#include "ledger/task_lock.h"
#include "pipeline/dag.h"
#include "run/context.h"
#include "run/executors.h"
#include "util/status.h"

namespace cutover {

// Options every subcommand accepts.
struct GlobalOptions {
  std::string file;    // -f/--file; "" = $CUTOVER_FILE or ./cutover.yaml
  std::string ledger;  // --ledger; "" = $CUTOVER_LEDGER, then the file's settings.ledger, then
                       // sqlite at <state>/ledger.db
};

// What a command does with the project, which decides how it is opened.
enum class ProjectUse {
  kRun,     // runs steps: the pipeline's source inputs must exist; the ledger is written
  kChange,  // changes the ledger only (routes, triage): its SQLite file is quick-checked first
  kRollback,  // a route back to legacy, the emergency change: as kChange, and on a full disk
              // it uses the emergency reserve kept beside an SQLite ledger (ledger_reserve.h)
  kRead,    // only reads: works on a read-only file system too
};

// Which tasks' paths Project::Open renders to build and check the DAG (DagOptions). Rendering
// every task costs time in proportion to the cohort (about 2 s at 100,000 samples), which a
// command about one sample or about routes should not pay.
struct ProjectScope {
  // The command works on these samples only (`cutover step`, `cutover run --samples`): their
  // tasks and the aggregate steps are checked. Empty: see below.
  std::vector<std::string> only_samples;
  // Every task's paths, for commands that read the graph of steps as a whole (`plan`).
  // Otherwise a command that does not run tasks builds the step graph from the first
  // sample's rendering, and one that runs tasks (kRun) checks every task.
  bool every_task = false;
};

// Where a project's ledger is, without opening it (the `ledger` commands open it themselves).
struct LedgerLocation {
  std::string url;                  // "" = the default SQLite file in the state folder
  std::filesystem::path state_dir;  // absolute
};
Result<LedgerLocation> LocateLedger(const GlobalOptions& options);

// Owns everything a RunContext points at.
class Project {
 public:
  // Loads and checks the pipeline (including its DAG) and opens the ledger as `use` needs.
  static Result<std::unique_ptr<Project>> Open(const GlobalOptions& options,
                                               const CancelToken* cancel, ProjectUse use,
                                               ProjectScope scope = {});
  const Pipeline& pipeline() const { return pipeline_; }
  const Dag& dag() const { return dag_; }
  const PipelineRules& rules() const { return rules_; }
  Ledger& ledger() { return *ledger_; }
  const RunContext& context() const { return ctx_; }
  // Replaces the progress display (default: console on stderr, live when it is a terminal).
  void SetProgress(std::unique_ptr<ProgressSink> progress);

 private:
  Project() = default;
  Pipeline pipeline_;
  Dag dag_;
  PipelineRules rules_;
  std::unique_ptr<Ledger> ledger_;
  std::unique_ptr<TaskLocks> task_locks_;
  std::unique_ptr<ProcessRunner> runner_;
  StepRunners step_runners_;  // uses runner_
  std::unique_ptr<Clock> clock_;
  std::unique_ptr<ProgressSink> progress_;
  RunContext ctx_;
};

// The ledger URL in force: --ledger, else $CUTOVER_LEDGER, else the file's settings.ledger;
// "" means the default SQLite file in the state folder.
std::string LedgerUrl(const GlobalOptions& options, const Pipeline& pipeline);

// The pipeline file these options name.
std::string PipelineFilePath(const GlobalOptions& options);
// The OS user name ($USER, else the passwd entry, else the uid).
std::string CurrentUser();
std::string HostName();

}  // namespace cutover
