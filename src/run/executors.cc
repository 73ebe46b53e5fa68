#include "run/executors.h"

namespace cutover {

SlurmOptions SlurmOptionsFor(const ExecutorSpec& spec, const std::filesystem::path& self_exe,
                             const std::filesystem::path& job_root,
                             const std::string& submitter) {
  SlurmOptions o;
  o.partition = spec.partition;
  o.cpus = spec.cpus;
  o.mem = spec.mem;
  o.time_limit_ms = spec.time_limit_ms.value_or(0);
  o.queue_limit_ms = spec.queue_limit_ms.value_or(0);
  o.account = spec.account;
  o.qos = spec.qos;
  o.sbatch_args = spec.sbatch_args;
  o.self_exe = self_exe;
  o.job_root = job_root;
  o.submitter = submitter;
  return o;
}

StepRunners MakeStepRunners(const Pipeline& pipeline, ProcessRunner* local,
                            const std::filesystem::path& self_exe,
                            const std::filesystem::path& job_root,
                            const std::string& submitter,
                            const std::function<void(const std::string&)>& note) {
  StepRunners runners;
  for (const Step& step : pipeline.steps) {
    if (step.executor.kind != ExecutorKind::kSlurm) continue;
    SlurmOptions options = SlurmOptionsFor(step.executor, self_exe, job_root, submitter);
    options.note = note;
    runners.owned.push_back(MakeSlurmRunner(std::move(options), local));
    runners.by_step[step.name] = runners.owned.back().get();
  }
  return runners;
}

}  // namespace cutover
