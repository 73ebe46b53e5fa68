// Turning each step's `executor:` into the ProcessRunner its sides run on.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "exec/process.h"
#include "exec/slurm_runner.h"
#include "pipeline/pipeline.h"

namespace cutover {

// The Slurm runner's options for one `executor: slurm` spec.
// `submitter`: this cutover's SlurmSubmitter (exec/slurm_leftovers.h).
SlurmOptions SlurmOptionsFor(const ExecutorSpec& spec, const std::filesystem::path& self_exe,
                             const std::filesystem::path& job_root,
                             const std::string& submitter = "");

// Owns the runners of the steps that do not run locally; steps that do share `local`.
struct StepRunners {
  std::vector<std::unique_ptr<ProcessRunner>> owned;
  std::map<std::string, ProcessRunner*> by_step;  // only the non-local steps
};

// One Slurm runner per step with `executor: slurm`; Slurm's own commands run through `local`
// (not owned; it must outlive the result). `job_root`: job folders for processes without a
// job_dir (every side has one; see SideLayout). `note`: the runners' messages (a submission
// waiting for room in the queue), thread-safe; null = none.
StepRunners MakeStepRunners(const Pipeline& pipeline, ProcessRunner* local,
                            const std::filesystem::path& self_exe,
                            const std::filesystem::path& job_root,
                            const std::string& submitter,
                            const std::function<void(const std::string&)>& note = nullptr);

}  // namespace cutover
