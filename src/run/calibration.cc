#include "run/calibration.h"

#include <fmt/format.h>

#include <fstream>

#include "evidence/noise_rules.h"
#include "evidence/step_rules.h"
#include "pipeline/loader.h"
#include "pipeline/yaml_edit.h"
#include "pipeline/step_paths.h"
#include "run/side_command.h"
#include "run/side_runner.h"
#include "util/file.h"

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
  CUTOVER_RETURN_IF_ERROR(RemoveTreeAt(root.parent_path(), root.filename().string()));
  const SideRunner runner(ctx);
  std::vector<SideLayout> layouts;
  for (int k = 1; k <= options.runs; ++k) {
    if (ctx.cancel->cancelled()) return Status::Cancelled("calibration interrupted");
    SideJob job;
    job.step = &step;
    job.sample = sample;
    job.paths = &paths;
    job.side = Side::kLegacy;
    job.role = Role::kServing;
    job.layout = MakeSideLayout(root, k, Side::kLegacy, paths);
    ctx.progress->Note(fmt::format("calibrate {} {}: legacy run {} of {}", step.name,
                                   result.sample, k, options.runs));
    SideOutcome run = runner.RunUnrecorded(job);
    if (ctx.cancel->cancelled()) return Status::Cancelled("calibration interrupted");
    if (!run.succeeded()) {
      return Status::Failed(fmt::format("legacy run {} of step {} on sample {} failed: {}", k,
                                        step.name, result.sample, DescribeFailure(run.record)));
    }
    result.wall_ms.push_back(run.record.wall_ms);
    layouts.push_back(std::move(run.layout));
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

nlohmann::json CompareSpecJson(const std::string& kind, const nlohmann::json& options) {
  nlohmann::json j = {{"kind", kind}};
  for (const auto& [k, v] : options.items()) j[k] = v;
  return j;
}

nlohmann::json ProposedSpecs(const CalibrationResult& result) {
  nlohmann::json proposal = nlohmann::json::object();
  for (const OutputCalibration& o : result.outputs) {
    if (!o.deterministic && o.changed()) {
      proposal[o.output] = CompareSpecJson(o.proposed_kind, o.proposed_options);
    }
  }
  return proposal;
}

Result<int64_t> RecordCalibration(const RunContext& ctx, const Step& step,
                                  const CalibrationResult& result) {
  nlohmann::json details = nlohmann::json::array();
  for (const OutputCalibration& o : result.outputs) {
    for (size_t k = 0; k < o.raw.size(); ++k) {
      details.push_back({{"output", o.output},
                         {"runs", {1, k + 2}},
                         {"configured", o.raw[k].ToJson()},
                         {"proposed", o.proposed[k].ToJson()}});
    }
  }
  CalibrationRecord rec;
  rec.step = step.name;
  rec.sample = result.sample;
  rec.at_ms = ctx.clock->NowMs();
  rec.user = ctx.user;
  rec.runs = result.runs;
  rec.deterministic = result.deterministic();
  rec.proposal = ProposedSpecs(result);
  rec.details = std::move(details);
  return ctx.ledger->RecordCalibration(rec);
}

Status ApplyCalibration(const Pipeline& pipeline, const std::string& step,
                        const nlohmann::json& proposal) {
  const fs::path& file = pipeline.file;
  CUTOVER_ASSIGN_OR_RETURN(std::string edited, ReadFile(file));
  for (const auto& [name, spec] : proposal.items()) {
    auto next = SetOutputCompare(edited, step, name, ToFlowYaml(spec));
    if (!next.ok()) {
      return Status::InvalidArgument(fmt::format("cannot apply to {} automatically ({})",
                                                 file.string(), next.status().message()));
    }
    edited = std::move(next).value();
  }
  // The edited file must load, and say what was proposed.
  auto reloaded = ParsePipeline(edited, file.string(), pipeline.root);
  Status checked = reloaded.ok() ? BuildPipelineRules(*reloaded).status() : reloaded.status();
  if (!checked.ok()) {
    return Status::Internal("the edited pipeline file does not load (" + checked.message() +
                            "): nothing written");
  }
  return WriteFileAtomic(file, edited);
}

}  // namespace cutover
