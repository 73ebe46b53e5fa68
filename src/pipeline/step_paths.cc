#include "pipeline/step_paths.h"

namespace cutover {
namespace fs = std::filesystem;

Bindings SampleBindings(const Sample* sample) {
  Bindings b;
  if (!sample) return b;
  b["sample"] = {sample->name};
  for (const auto& [column, value] : sample->columns) b[column] = {value};
  return b;
}

Result<StepPaths> ResolveStepPaths(const Pipeline& pipeline, const Step& step,
                                   const Sample* sample) {
  StepPaths paths;
  Bindings own = SampleBindings(sample);
  for (const InputSpec& in : step.inputs) {
    paths.input_order.push_back(in.name);
    std::vector<fs::path>& out = paths.inputs[in.name];
    std::vector<const Sample*> expand = {sample};
    if (!sample) {  // aggregate step: {sample} inputs expand over every sample
      CUTOVER_ASSIGN_OR_RETURN(std::vector<std::string> names, PlaceholderNames(in.path));
      if (std::find(names.begin(), names.end(), "sample") != names.end()) {
        expand.clear();
        for (const Sample& s : pipeline.samples) expand.push_back(&s);
      }
    }
    for (const Sample* s : expand) {
      CUTOVER_ASSIGN_OR_RETURN(std::string rendered,
                               RenderString(in.path, s == sample ? own : SampleBindings(s)));
      fs::path p(rendered);
      out.push_back((p.is_absolute() ? p : pipeline.root / p).lexically_normal());
    }
  }
  for (const OutputSpec& o : step.outputs) {
    paths.output_order.push_back(o.name);
    CUTOVER_ASSIGN_OR_RETURN(std::string rendered, RenderString(o.path, own));
    fs::path rel = fs::path(rendered).lexically_normal();
    if (rel.empty() || rel.is_absolute() || *rel.begin() == "..") {
      return Status::InvalidArgument(ToString(o.path.where) + ": output path '" + rendered +
                                     "' leaves the pipeline folder");
    }
    paths.outputs[o.name] = rel;
  }
  return paths;
}

}  // namespace cutover
