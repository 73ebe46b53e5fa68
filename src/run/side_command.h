// Turning a step's implementation into the exact process to run for one side of one sample.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "exec/process.h"
#include "pipeline/pipeline.h"
#include "pipeline/step_paths.h"
#include "route/route.h"
#include "util/status.h"

namespace cutover {

struct SideLayout {
  std::filesystem::path work_dir;     // the side's cwd; declared outputs are written inside it
  std::filesystem::path stdout_path;  // beside work_dir, not inside (never mistaken for output)
  std::filesystem::path stderr_path;
  std::filesystem::path job_dir;      // beside work_dir: a batch scheduler's job files
  std::filesystem::path group_file;   // beside work_dir: the local process group while it runs
  // Output name -> where the side must write it (work_dir / the output's relative path).
  std::map<std::string, std::filesystem::path> outputs;
  // Where a notebook side's executed notebook is kept: beside stdout (<side>.ipynb), or the
  // output named `notebook` when the step declares one ending in .ipynb (then it is published).
  std::filesystem::path notebook;
};

// Layout of side `side` of task `task_id` under `scratch_root` (<state>/scratch/<step>).
SideLayout MakeSideLayout(const std::filesystem::path& scratch_root, int64_t task_id, Side side,
                          const StepPaths& paths);

// Renders the implementation into a ProcessSpec through its kind's driver
// (implementation_driver.h): `{output...}` point into the side's work dir, `{input...}` at the
// real inputs, `{root}` at the pipeline folder. The environment gets the driver's, then the
// step's and the implementation's `env:`, then CUTOVER_STEP, CUTOVER_SAMPLE, CUTOVER_SIDE and
// CUTOVER_SCRATCH. A notebook's driver writes its parameterised copy into layout.work_dir.
Result<ProcessSpec> BuildProcessSpec(const Step& step, const Implementation& impl,
                                     const Sample* sample, const StepPaths& paths,
                                     const SideLayout& layout, Side side,
                                     const std::filesystem::path& self_exe,
                                     const std::filesystem::path& root, int64_t timeout_ms);

// A stable text of everything in an implementation that decides what it does, for the resume
// fingerprint: its driver's describe (forms, templates, env, a notebook's content digest).
// `sample` and `root` locate files the implementation reads.
std::string DescribeImplementation(const Implementation& impl, const Sample* sample,
                                   const std::filesystem::path& root);

}  // namespace cutover
