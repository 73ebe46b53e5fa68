#include "pipeline/step_paths.h"

#include <fmt/format.h>

namespace cutover {
namespace fs = std::filesystem;
namespace {

bool Within(const fs::path& path, const fs::path& dir) {
  const fs::path rel = path.lexically_relative(dir);
  return !rel.empty() && *rel.begin() != "..";
}

// An output path, as rendered, may not climb (a sample named "../cutover.yaml" under
// "out/{sample}"), nor land on the project's control files: the state folder (ledger, locks,
// scratch), the pipeline file, the sample sheet.
Status CheckOutputPlace(const Pipeline& pipeline, const OutputSpec& o, const Sample* sample,
                        const std::string& rendered) {
  auto refuse = [&](const std::string& why) {
    return Status::InvalidArgument(fmt::format(
        "{}: output {} ('{}'){} resolves to '{}', {}", ToString(o.path.where), o.name,
        o.path.text, sample ? " for sample '" + sample->name + "'" : "", rendered, why));
  };
  const fs::path path(rendered);
  if (path.empty() || path.is_absolute()) return refuse("which is not inside the pipeline folder");
  for (const fs::path& part : path) {
    if (part == "..") return refuse("which climbs out of its folder ('..')");
  }
  const fs::path abs = (pipeline.root / path).lexically_normal();
  if (abs == pipeline.root.lexically_normal()) return refuse("the pipeline folder itself");
  const fs::path state = pipeline.StateDir();
  if (abs == state || Within(abs, state)) return refuse("inside the state folder " + state.string());
  if (abs == pipeline.file.lexically_normal()) return refuse("the pipeline file");
  if (!pipeline.sample_sheet.empty() && abs == pipeline.sample_sheet) return refuse("the sample sheet");
  return Status::Ok();
}

}  // namespace

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
    CUTOVER_RETURN_IF_ERROR(CheckOutputPlace(pipeline, o, sample, rendered));
    paths.outputs[o.name] = fs::path(rendered).lexically_normal();
  }
  return paths;
}

}  // namespace cutover
