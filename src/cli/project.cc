#include "cli/project.h"

#include <pwd.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "exec/slurm_leftovers.h"
#include "ledger/open_ledger.h"
#include "pipeline/loader.h"
#include "run/checked_dag.h"
#include "run/implementation_driver.h"
#include "run/state_folder.h"
#include "util/file.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;

std::string PipelineFilePath(const GlobalOptions& options) {
  if (!options.file.empty()) return options.file;
  if (const char* env = std::getenv("CUTOVER_FILE"); env && *env) return env;
  return "cutover.yaml";
}

// The audit user: the process's real uid, by name (anyone can set $USER). $USER is kept beside it
// when it says something else ("alice ($USER=bob)"), so nothing is hidden either.
std::string CurrentUser() {
  std::string user = std::to_string(::getuid());
  if (const passwd* pw = ::getpwuid(::getuid())) user = pw->pw_name;
  if (const char* u = std::getenv("USER"); u && *u && user != u) {
    user += fmt::format(" ($USER={})", u);
  }
  return user;
}

std::string HostName() {
  char buf[256] = {};
  if (::gethostname(buf, sizeof buf - 1) != 0) return "localhost";
  return buf;
}

std::string LedgerUrl(const GlobalOptions& options, const Pipeline& pipeline) {
  if (!options.ledger.empty()) return options.ledger;
  if (const char* env = std::getenv("CUTOVER_LEDGER"); env && *env) return env;
  return pipeline.settings.ledger;
}

namespace {

fs::path SelfExe() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? fs::path("cutover") : p;
}

}  // namespace

namespace {

fs::path StateFolder(const Pipeline& pipeline) {
  fs::path state = pipeline.settings.state_dir;
  return state.is_relative() ? pipeline.root / state : state;
}

}  // namespace

Result<LedgerLocation> LocateLedger(const GlobalOptions& options) {
  CUTOVER_ASSIGN_OR_RETURN(Pipeline pipeline, LoadPipeline(PipelineFilePath(options)));
  return LedgerLocation{LedgerUrl(options, pipeline), StateFolder(pipeline)};
}

Result<std::unique_ptr<Project>> Project::Open(const GlobalOptions& options,
                                               const CancelToken* cancel, ProjectUse use,
                                               ProjectScope scope) {
  std::unique_ptr<Project> p(new Project());
  std::string file = PipelineFilePath(options);
  CUTOVER_ASSIGN_OR_RETURN(p->pipeline_, LoadPipeline(file));
  const bool require_inputs = use == ProjectUse::kRun;
  const fs::path state = StateFolder(p->pipeline_);
  DagOptions dag_options{require_inputs, std::move(scope.only_samples)};
  if (use == ProjectUse::kRun) {
    // Commands that write outputs have every task's paths checked (once per version of the
    // pipeline when they work on a few samples: run/checked_dag.h), which remembers its
    // result in the state folder, so that folder is checked first.
    CUTOVER_RETURN_IF_ERROR(PrepareStateFolder(state, p->pipeline_));
    CUTOVER_ASSIGN_OR_RETURN(p->dag_, BuildCheckedDag(p->pipeline_, dag_options, state));
  } else {
    // The others need the graph of steps, which the first sample's tasks give, in time that
    // does not grow with the cohort; `plan` asks for every task.
    if (!scope.every_task && dag_options.only_samples.empty() && !p->pipeline_.samples.empty()) {
      dag_options.only_samples = {p->pipeline_.samples.front().name};
    }
    CUTOVER_ASSIGN_OR_RETURN(p->dag_, BuildDag(p->pipeline_, dag_options));
  }
  CUTOVER_ASSIGN_OR_RETURN(p->rules_, BuildPipelineRules(p->pipeline_));
  // Like a missing input: a broken notebook is reported before anything runs, not per task.
  if (require_inputs) CUTOVER_RETURN_IF_ERROR(CheckImplementations(p->pipeline_));
  const std::string url = LedgerUrl(options, p->pipeline_);
  if (use != ProjectUse::kRun) CUTOVER_RETURN_IF_ERROR(PrepareStateFolder(state, p->pipeline_));
  LedgerOpenOptions ledger_options;
  ledger_options.state_dir = state;
  ledger_options.check_integrity = use != ProjectUse::kRead;
  ledger_options.read_only_fallback = use == ProjectUse::kRead;
  ledger_options.release_reserve_when_full = use == ProjectUse::kRollback;
  ledger_options.application_name = fmt::format("cutover pid {} on {}", ::getpid(), HostName());
  // How long a call keeps reconnecting after losing a PostgreSQL server (docs/ledger.md).
  if (const char* s = std::getenv("CUTOVER_LEDGER_RECONNECT_SECONDS"); s && *s) {
    const std::optional<int64_t> seconds = ParseInt64(s);
    if (!seconds || *seconds < 0 || *seconds > 86400) {
      return Status::InvalidArgument(fmt::format(
          "CUTOVER_LEDGER_RECONNECT_SECONDS='{}' is not a whole number of seconds from 0 to 86400", s));
    }
    ledger_options.reconnect_timeout_ms = static_cast<int>(*seconds * 1000);
  }
  auto ledger = OpenLedger(url, ledger_options);
  if (!ledger.ok()) return ledger.status().WithContext("opening the ledger");
  p->ledger_ = std::move(ledger->ledger);
  p->task_locks_ = std::move(ledger->task_locks);
  p->runner_ = MakeLocalProcessRunner();
  // CUTOVER_NOW: an explicit clock override for demos and tests (docs/evidence.md).
  if (const char* now = std::getenv("CUTOVER_NOW"); now && *now) {
    auto start = ParseUtc(now);
    if (!start.ok()) return start.status().WithContext("CUTOVER_NOW");
    p->clock_ = ShiftedClock(*start);
  } else {
    p->clock_ = SystemClock();
  }
  p->progress_ = MakeConsoleProgress(stderr, ::isatty(STDERR_FILENO) == 1);
  RunContext& c = p->ctx_;
  c.pipeline = &p->pipeline_;
  c.rules = &p->rules_;
  c.ledger = p->ledger_.get();
  c.task_locks = p->task_locks_.get();
  c.runner = p->runner_.get();
  c.clock = p->clock_.get();
  c.cancel = cancel;
  c.progress = p->progress_.get();
  c.state_dir = state;
  c.self_exe = SelfExe();
  // The runners' notes go to the progress display in force when they are written.
  Project* project = p.get();
  p->step_runners_ = MakeStepRunners(p->pipeline_, p->runner_.get(), c.self_exe, state / "jobs",
                                     SlurmSubmitter(HostName(), ::getpid()),
                                     [project](const std::string& line) {
                                       project->ctx_.progress->Note(line);
                                     });
  c.step_runners = p->step_runners_.by_step;
  c.user = CurrentUser();
  c.host = HostName();
  return p;
}

void Project::SetProgress(std::unique_ptr<ProgressSink> progress) {
  progress_ = std::move(progress);
  ctx_.progress = progress_.get();
}

}  // namespace cutover
