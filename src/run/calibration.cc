#include "run/calibration.h"

#include <fmt/format.h>

#include <fstream>

#include "evidence/noise_rules.h"
#include "pipeline/step_paths.h"
#include "run/notebook_side.h"
#include "run/side_command.h"
#include "util/file.h"
#include "util/strings.h"

namespace cutover {
namespace fs = std::filesystem;
namespace {

// Text or gzip: worth comparing line by line.
bool LooksTextual(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  char buf[65536];
  in.read(buf, sizeof buf);
  const std::streamsize n = in.gcount();
  if (n >= 2 && static_cast<unsigned char>(buf[0]) == 0x1f &&
      static_cast<unsigned char>(buf[1]) == 0x8b) {
    return true;
  }
  for (std::streamsize i = 0; i < n; ++i) {
    if (buf[i] == '\0') return false;
  }
  return true;
}

Result<Comparison> CompareWith(const std::string& kind, nlohmann::json options,
                               int64_t max_differences, const fs::path& a, const fs::path& b) {
  if (kind == "text") options["max_differences"] = max_differences;
  CUTOVER_ASSIGN_OR_RETURN(std::unique_ptr<Comparator> cmp, MakeComparator(kind, options));
  return cmp->Compare(a, b);
}

}  // namespace

bool CalibrationResult::deterministic() const {
  for (const OutputCalibration& o : outputs) {
    if (!o.deterministic) return false;
  }
  return true;
}

bool CalibrationResult::explained() const {
  for (const OutputCalibration& o : outputs) {
    if (!o.explained) return false;
  }
  return true;
}

Result<CalibrationResult> Calibrate(const RunContext& ctx, const Step& step, const Sample* sample,
                                    const CalibrationOptions& options) {
  if (options.runs < 2) return Status::InvalidArgument("calibration needs at least 2 runs");
  CUTOVER_ASSIGN_OR_RETURN(StepPaths paths, ResolveStepPaths(*ctx.pipeline, step, sample));
  CalibrationResult result;
  result.sample = sample ? sample->name : std::string(kAllSamples);
  result.runs = options.runs;
  const fs::path root = ctx.ScratchDir() / step.name / "calibration";
  std::error_code ec;
  fs::remove_all(root, ec);
  std::vector<SideLayout> layouts;
  for (int k = 1; k <= options.runs; ++k) {
    if (ctx.cancel->cancelled()) return Status::Cancelled("calibration interrupted");
    SideLayout layout = MakeSideLayout(root, k, Side::kLegacy, paths);
    CUTOVER_RETURN_IF_ERROR(MakeDirectories(layout.work_dir));
    for (const auto& [name, path] : layout.outputs) {
      CUTOVER_RETURN_IF_ERROR(MakeDirectories(path.parent_path()));
    }
    int64_t timeout = step.legacy.timeout_ms ? *step.legacy.timeout_ms : step.timeout_ms;
    CUTOVER_ASSIGN_OR_RETURN(ProcessSpec spec,
                             BuildProcessSpec(step, step.legacy, sample, paths, layout,
                                              Side::kLegacy, ctx.self_exe, ctx.pipeline->root,
                                              timeout));
    ctx.progress->Note(fmt::format("calibrate {} {}: legacy run {} of {}", step.name,
                                   result.sample, k, options.runs));
    ProcessResult pr = ctx.RunnerFor(step)->Run(spec, *ctx.cancel);
    if (ctx.cancel->cancelled()) return Status::Cancelled("calibration interrupted");
    if (!pr.succeeded()) {
      std::string tail(Trim(TailBytes(pr.stderr_tail, 300)));
      return Status::Failed(fmt::format(
          "legacy run {} of step {} on sample {} failed ({}{}){}", k, step.name, result.sample,
          pr.end == ProcessEnd::kExited ? fmt::format("exit {}", pr.exit_code)
                                        : std::string(pr.error),
          pr.signal ? fmt::format(", signal {}", pr.signal) : "",
          tail.empty() ? "" : ": " + tail));
    }
    if (step.legacy.kind == ImplKind::kNotebook) {
      Status cells = InspectExecutedNotebook(layout);
      if (!cells.ok()) {
        return Status::Failed(fmt::format("legacy run {} of step {} on sample {}: {}", k,
                                          step.name, result.sample, cells.message()));
      }
    }
    for (const auto& [name, path] : layout.outputs) {
      if (!fs::is_regular_file(path, ec)) {
        return Status::Failed(fmt::format("legacy run {} of step {} did not write output {} ({})",
                                          k, step.name, name, paths.outputs.at(name).string()));
      }
    }
    result.wall_ms.push_back(pr.wall_ms);
    layouts.push_back(std::move(layout));
  }

  for (const OutputSpec& out : step.outputs) {
    OutputCalibration oc;
    oc.output = out.name;
    oc.kind = out.compare.kind;
    oc.options = out.compare.options.is_null() ? nlohmann::json::object() : out.compare.options;
    oc.proposed_kind = oc.kind;
    oc.proposed_options = oc.options;
    const fs::path& first = layouts[0].outputs.at(out.name);
    for (size_t k = 1; k < layouts.size(); ++k) {
      const fs::path& other = layouts[k].outputs.at(out.name);
      CUTOVER_ASSIGN_OR_RETURN(Comparison raw, CompareWith(oc.kind, oc.options,
                                                           options.max_differences, first, other));
      if (raw.outcome != Outcome::kMatch) oc.deterministic = false;
      // Infer rules until this pair is explained or nothing more can be inferred.
      Comparison current = raw;
      for (int round = 0; round < options.max_rounds; ++round) {
        if (current.outcome == Outcome::kMatch || current.outcome == Outcome::kNoise) break;
        if (current.outcome == Outcome::kError) break;
        RuleProposal p = ProposeNoiseRules(oc.proposed_kind, oc.proposed_options, current,
                                           LooksTextual(first) && LooksTextual(other));
        if (!p.changed) break;
        oc.proposed_kind = p.kind;
        oc.proposed_options = p.options;
        for (std::string& r : p.reasons) oc.reasons.push_back(fmt::format("{} (runs 1 and {})", r, k + 1));
        CUTOVER_ASSIGN_OR_RETURN(current, CompareWith(oc.proposed_kind, oc.proposed_options,
                                                      options.max_differences, first, other));
      }
      oc.raw.push_back(std::move(raw));
    }
    // The final proposal must explain every pair.
    for (size_t k = 1; k < layouts.size(); ++k) {
      CUTOVER_ASSIGN_OR_RETURN(
          Comparison c, CompareWith(oc.proposed_kind, oc.proposed_options, 10, first,
                                    layouts[k].outputs.at(out.name)));
      if (c.outcome != Outcome::kMatch && c.outcome != Outcome::kNoise) oc.explained = false;
      oc.proposed.push_back(std::move(c));
    }
    result.outputs.push_back(std::move(oc));
  }
  return result;
}

}  // namespace cutover
