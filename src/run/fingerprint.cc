#include "run/fingerprint.h"

#include <sys/stat.h>

#include <algorithm>

#include <fmt/format.h>

#include "run/side_command.h"
#include "util/digest.h"

namespace cutover {

namespace {

std::string FileState(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return "";
  return fmt::format("{}:{} {} {}.{:09} {}.{:09}", st.st_dev, st.st_ino, st.st_size,
                     st.st_mtim.tv_sec, st.st_mtim.tv_nsec, st.st_ctim.tv_sec,
                     st.st_ctim.tv_nsec);
}

}  // namespace

Result<InputDigests> DigestInputsReusing(const Step& step, const StepPaths& paths,
                                         const InputDigests* earlier) {
  InputDigests out;
  for (const std::string& name : paths.input_order) {
    for (const auto& p : paths.inputs.at(name)) {
      std::string state = FileState(p);
      const size_t k = out.records.size();
      if (earlier && !state.empty() && k < earlier->records.size() &&
          earlier->records[k].path == p.native() && earlier->file_states[k] == state) {
        out.records.push_back(earlier->records[k]);
        out.file_states.push_back(std::move(state));
        continue;
      }
      auto digest = DigestFile(p);
      if (!digest.ok()) {
        return Status::NotFound(fmt::format("input '{}' of step {}: {}", name, step.name,
                                            digest.status().message()));
      }
      std::error_code ec;
      auto size = std::filesystem::file_size(p, ec);
      out.records.push_back({name, p.string(), ec ? -1 : static_cast<int64_t>(size), *digest});
      out.file_states.push_back(std::move(state));
    }
  }
  return out;
}

Result<std::vector<InputRecord>> DigestInputs(const Step& step, const StepPaths& paths) {
  CUTOVER_ASSIGN_OR_RETURN(InputDigests digests, DigestInputsReusing(step, paths, nullptr));
  return std::move(digests.records);
}

Status CheckSameInputs(const Step& step, const TaskRecord& original,
                       const std::vector<InputRecord>& now) {
  if (original.inputs.empty()) {
    return Status::Failed(fmt::format(
        "task {} has no recorded inputs (recorded by an older cutover, or the step has no "
        "inputs): cannot check that a replay would see the same data",
        original.id));
  }
  for (const InputRecord& then : original.inputs) {
    auto it = std::find_if(now.begin(), now.end(), [&](const InputRecord& n) {
      return n.name == then.name && n.path == then.path;
    });
    if (it == now.end()) {
      return Status::Failed(fmt::format(
          "input '{}' ({}) of task {} is no longer an input of step {}: refusing to replay",
          then.name, then.path, original.id, step.name));
    }
    if (it->digest != then.digest) {
      return Status::Failed(fmt::format(
          "input '{}' ({}) changed since task {} ran (then {} bytes, {}; now {} bytes, {}): "
          "refusing to replay on different data",
          then.name, then.path, original.id, then.size, then.digest, it->size, it->digest));
    }
  }
  if (now.size() != original.inputs.size()) {
    return Status::Failed(fmt::format(
        "step {} now has {} input files where task {} had {}: refusing to replay", step.name,
        now.size(), original.id, original.inputs.size()));
  }
  return Status::Ok();
}

std::string TaskFingerprint(const Step& step, const Sample* sample, const StepPaths& paths,
                            const std::vector<InputRecord>& inputs, const ExecutionPlan& plan,
                            const std::filesystem::path& root, std::string_view identity_extra) {
  std::string text = "cutover-fingerprint-v1\nstep=" + step.name + "\n";
  for (const auto& [k, v] : SampleBindings(sample)) {
    for (const std::string& value : v) text += "bind " + k + "=" + value + "\n";
  }
  for (const auto& [k, v] : step.env) text += "env " + k + "=" + v.text + "\n";
  for (const InputRecord& in : inputs) {
    text += "in " + in.name + "=" + in.path + " " + in.digest + "\n";
  }
  for (const std::string& name : paths.output_order) {
    text += "out " + name + "=" + paths.outputs.at(name).string() + "\n";
  }
  text += fmt::format("serving={} shadow={} fallback={}\n", ToString(plan.serving),
                      plan.run_shadow, plan.legacy_fallback);
  auto impl_of = [&](Side s) -> const Implementation& {
    return s == Side::kNew ? *step.new_impl : step.legacy;
  };
  text += "serving-impl\n" + DescribeImplementation(impl_of(plan.serving), sample, root);
  if (plan.run_shadow) {
    text += "shadow-impl\n" + DescribeImplementation(impl_of(Other(plan.serving)), sample, root);
  }
  text += identity_extra;
  return DigestBytes(text);
}

}  // namespace cutover
