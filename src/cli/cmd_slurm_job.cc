// `cutover slurm-job DIR` (hidden): the wrapper a Slurm job runs on its compute node. It runs
// the side described by DIR/spec.json and writes DIR/result.json (src/exec/slurm_job.h).
#include <cstdio>

#include "cli/commands.h"
#include "cli/signals.h"
#include "exec/slurm_job.h"

namespace cutover {

Handler SetupSlurmJob(CLI::App* app, const GlobalOptions*) {
  auto dir = std::make_shared<std::string>();
  app->add_option("DIR", *dir, "the job folder written by the submitting cutover")->required();
  return [dir] {
    CancelToken cancel;
    SignalWatcher signals(&cancel);  // Slurm's SIGTERM (time limit, scancel) stops the side
    std::unique_ptr<ProcessRunner> runner = MakeLocalProcessRunner();
    auto result = RunSlurmJobInside(*dir, *runner, cancel);
    if (!result.ok()) return ReportError(result.status());
    return WrapperExitCode(*result);
  };
}

}  // namespace cutover
