#include "run/side_command.h"

#include <fmt/format.h>

#include "pipeline/template.h"
#include "run/implementation_driver.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

Bindings SideBindings(const Sample* sample, const StepPaths& paths, const SideLayout& layout,
                      const fs::path& root) {
  Bindings b = SampleBindings(sample);
  b["root"] = {root.string()};
  std::vector<std::string>& all_in = b["input"];
  for (const std::string& name : paths.input_order) {
    std::vector<std::string>& v = b["input." + name];
    for (const fs::path& p : paths.inputs.at(name)) {
      v.push_back(p.string());
      all_in.push_back(p.string());
    }
  }
  std::vector<std::string>& all_out = b["output"];
  for (const std::string& name : paths.output_order) {
    std::string p = layout.outputs.at(name).string();
    b["output." + name] = {p};
    all_out.push_back(p);
  }
  b["scratch"] = {layout.work_dir.string()};
  return b;
}

Status RenderEnv(const std::map<std::string, Template>& env, const Bindings& b,
                 std::map<std::string, std::string>* out) {
  for (const auto& [key, tmpl] : env) {
    CUTOVER_ASSIGN_OR_RETURN(std::string value, RenderString(tmpl, b));
    (*out)[key] = std::move(value);
  }
  return Status::Ok();
}

}  // namespace

SideLayout MakeSideLayout(const fs::path& scratch_root, int64_t task_id, Side side,
                          const StepPaths& paths) {
  SideLayout layout;
  fs::path task_dir = scratch_root / std::to_string(task_id);
  std::string side_name(ToString(side));
  layout.work_dir = task_dir / side_name;
  layout.stdout_path = task_dir / (side_name + ".stdout");
  layout.stderr_path = task_dir / (side_name + ".stderr");
  layout.job_dir = task_dir / (side_name + ".job");
  layout.group_file = task_dir / (side_name + ".group");
  for (const auto& [name, rel] : paths.outputs) layout.outputs[name] = layout.work_dir / rel;
  layout.notebook = task_dir / (side_name + ".ipynb");
  auto declared = layout.outputs.find("notebook");
  if (declared != layout.outputs.end() && declared->second.extension() == ".ipynb") {
    layout.notebook = declared->second;
  }
  return layout;
}

Result<ProcessSpec> BuildProcessSpec(const Step& step, const Implementation& impl,
                                     const Sample* sample, const StepPaths& paths,
                                     const SideLayout& layout, Side side,
                                     const fs::path& self_exe, const fs::path& root,
                                     int64_t timeout_ms) {
  Bindings b = SideBindings(sample, paths, layout, root);
  ProcessSpec spec;
  spec.cwd = layout.work_dir;
  spec.stdout_path = layout.stdout_path;
  spec.stderr_path = layout.stderr_path;
  spec.job_dir = layout.job_dir;
  spec.group_file = layout.group_file;
  spec.timeout_ms = timeout_ms;
  const SideInvocation invocation{step, impl, sample, b, layout, root, self_exe, timeout_ms};
  CUTOVER_ASSIGN_OR_RETURN(PreparedCommand cmd, DriverFor(impl.kind).Prepare(invocation));
  spec.argv = std::move(cmd.argv);
  spec.env = std::move(cmd.env);
  if (spec.argv.empty()) {
    return Status::InvalidArgument(fmt::format("{}: empty command", ToString(impl.where)));
  }
  CUTOVER_RETURN_IF_ERROR(RenderEnv(step.env, b, &spec.env));
  CUTOVER_RETURN_IF_ERROR(RenderEnv(impl.env, b, &spec.env));
  spec.env["CUTOVER_STEP"] = step.name;
  spec.env["CUTOVER_SAMPLE"] = sample ? sample->name : std::string(kAllSamples);
  spec.env["CUTOVER_SIDE"] = std::string(ToString(side));
  spec.env["CUTOVER_SCRATCH"] = layout.work_dir.string();
  return spec;
}

std::string DescribeImplementation(const Implementation& impl, const Sample* sample,
                                   const fs::path& root) {
  return DriverFor(impl.kind).Describe(impl, sample, root);
}

}  // namespace cutover
