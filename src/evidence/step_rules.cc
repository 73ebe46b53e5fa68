#include "evidence/step_rules.h"

#include <cstdlib>

#include <fmt/format.h>

namespace cutover {

const Comparator& StepRules::ComparatorOf(std::string_view output) const {
  auto it = comparators.find(output);
  if (it == comparators.end()) std::abort();  // a programming error: not one of the step's
  return *it->second;
}

const StepRules& PipelineRules::Of(std::string_view step) const {
  auto it = steps_.find(step);
  if (it == steps_.end()) std::abort();  // a programming error: not one of the pipeline's
  return it->second;
}

Result<PipelineRules> BuildPipelineRules(const Pipeline& pipeline) {
  PipelineRules rules;
  for (const Step& step : pipeline.steps) {
    StepRules& r = rules.steps_[step.name];
    for (const OutputSpec& out : step.outputs) {
      auto cmp = MakeComparator(out.compare.kind, out.compare.options);
      if (!cmp.ok()) {
        return Status::InvalidArgument(ToString(out.compare.where) + ": " +
                                       cmp.status().message());
      }
      r.comparators[out.name] = std::move(cmp).value();
    }
    auto policy = ParseGatePolicy(step.policy);
    if (!policy.ok()) {
      return Status::InvalidArgument(
          fmt::format("{}: {}", ToString(step.policy_where), policy.status().message()));
    }
    r.policy = *policy;
  }
  return rules;
}

}  // namespace cutover
