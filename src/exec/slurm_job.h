// The files of one Slurm job, in its job folder on the shared file system, and what runs inside
// the job. The submitting cutover writes the side's ProcessSpec (spec.json) and a batch script
// (job.sh) that runs `cutover slurm-job DIR` on the compute node; that wrapper runs the side
// with the local process runner (its own process group, the step's timeout, rusage) and writes
// the ProcessResult (result.json), which the submitter reads back.
//
// Format (owned by cutover, versioned): JSON objects with "format": "cutover-slurm-job 1".
#pragma once

#include <filesystem>
#include <string>

#include "exec/process.h"
#include "util/cancel.h"
#include "util/status.h"

namespace cutover {

inline constexpr std::string_view kSlurmJobFormat = "cutover-slurm-job 1";

struct SlurmJobFiles {
  std::filesystem::path dir;
  std::filesystem::path spec() const { return dir / "spec.json"; }
  std::filesystem::path result() const { return dir / "result.json"; }
  std::filesystem::path script() const { return dir / "job.sh"; }
  std::filesystem::path log() const { return dir / "slurm.log"; }  // the batch job's own output
  std::filesystem::path job_id() const { return dir / "job_id"; }
  // "HOST PID" of the cutover that submitted the job (exec/slurm_leftovers.h).
  std::filesystem::path submitter() const { return dir / "submitter"; }
};

std::string ProcessSpecToJson(const ProcessSpec& spec);
Result<ProcessSpec> ProcessSpecFromJson(std::string_view text);
std::string ProcessResultToJson(const ProcessResult& result);
Result<ProcessResult> ProcessResultFromJson(std::string_view text);

// The batch script: `exec CUTOVER slurm-job DIR`, both paths shell-quoted.
std::string SlurmJobScript(const std::filesystem::path& cutover, const std::filesystem::path& dir);

// Inside the job: reads DIR/spec.json, runs it with `runner` (the local runner), writes
// DIR/result.json atomically and returns the result. Cancelling `cancel` (Slurm's SIGTERM at a
// time limit or scancel) stops the side like Ctrl-C stops a local run, and the result then says
// kCancelled whatever the side died of.
Result<ProcessResult> RunSlurmJobInside(const std::filesystem::path& dir, ProcessRunner& runner,
                                        const CancelToken& cancel);

// The exit code the wrapper itself ends with, so sacct shows the side's: its exit code, or
// 128 + signal, or 1 when it did not run to an exit.
int WrapperExitCode(const ProcessResult& result);

}  // namespace cutover
