// How each step's evidence is judged, built once from the loaded pipeline: the comparator of
// every output and the gate policy of every step. The pipeline file keeps `compare:` and
// `policy:` as raw JSON (pipeline/ sits below the comparators and the gates); everything above
// reads them from here, never parses them again.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "compare/comparator.h"
#include "evidence/gate_policy.h"
#include "pipeline/pipeline.h"
#include "util/status.h"

namespace cutover {

// One step's rules. Constant after BuildPipelineRules; comparators are thread-safe.
struct StepRules {
  GatePolicy policy;
  // Output name -> its comparator (kind "none" for an output published but not compared).
  std::map<std::string, std::unique_ptr<Comparator>, std::less<>> comparators;

  // The comparator of `output`; the output must be one of the step's (checked at build time).
  const Comparator& ComparatorOf(std::string_view output) const;
};

// Every step's rules. Constant after construction: shared by every thread of a run.
class PipelineRules {
 public:
  PipelineRules() = default;
  PipelineRules(PipelineRules&&) = default;
  PipelineRules& operator=(PipelineRules&&) = default;

  // The rules of `step`; the step must be one of the pipeline's.
  const StepRules& Of(std::string_view step) const;
  bool Has(std::string_view step) const { return steps_.find(step) != steps_.end(); }

 private:
  friend Result<PipelineRules> BuildPipelineRules(const Pipeline& pipeline);
  std::map<std::string, StepRules, std::less<>> steps_;
};

// Builds every output's comparator and parses every step's policy. An invalid `compare:` or
// `policy:` is kInvalidArgument naming its place in the pipeline file (file:line:col: key).
Result<PipelineRules> BuildPipelineRules(const Pipeline& pipeline);

}  // namespace cutover
