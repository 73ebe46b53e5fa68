// The resume fingerprint of a task: everything that decides what its published outputs are.
#pragma once

#include <string>

#include "pipeline/pipeline.h"
#include "pipeline/step_paths.h"
#include "route/route.h"
#include "util/status.h"

namespace cutover {

// Digest over: the step's name and env, the sample's bindings, every input's path and content
// digest, every output's path, the execution plan (serving side, shadow, fallback) and the
// implementation of each side that runs. Reads every input file once. A missing input is an
// error naming it.
Result<std::string> TaskFingerprint(const Step& step, const Sample* sample,
                                    const StepPaths& paths, const ExecutionPlan& plan);

}  // namespace cutover
