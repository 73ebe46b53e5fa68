// The concrete input and output paths of one step for one sample.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "pipeline/pipeline.h"
#include "pipeline/template.h"
#include "util/status.h"

namespace cutover {

struct StepPaths {
  // Input name -> absolute paths (one per sample for an aggregate step's {sample} inputs).
  std::map<std::string, std::vector<std::filesystem::path>> inputs;
  // Output name -> path relative to the pipeline root (normalised, no "..").
  std::map<std::string, std::filesystem::path> outputs;
  // Input names in declaration order, and output names likewise.
  std::vector<std::string> input_order;
  std::vector<std::string> output_order;
};

// Bindings for `sample` and the sample-sheet columns (empty for an aggregate step, sample null).
Bindings SampleBindings(const Sample* sample);

// Renders the step's input and output templates for `sample` (null for a StepScope::kAll step,
// whose {sample} inputs expand over every sample of the pipeline).
Result<StepPaths> ResolveStepPaths(const Pipeline& pipeline, const Step& step,
                                   const Sample* sample);

}  // namespace cutover
