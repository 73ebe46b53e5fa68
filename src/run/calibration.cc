#include "run/calibration.h"

#include <fmt/format.h>

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <optional>
#include <thread>

#include "compare/text_comparator.h"
#include "evidence/noise_rules.h"
#include "evidence/rule_widening.h"
#include "evidence/step_rules.h"
#include "pipeline/loader.h"
#include "pipeline/yaml_edit.h"
#include "pipeline/step_paths.h"
#include "run/side_command.h"
#include "run/side_runner.h"
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

// The ignore rules `proposed` has that `configured` did not: the ones calibration inferred.
std::vector<std::string> AddedIgnoreRules(const nlohmann::json& configured,
                                          const nlohmann::json& proposed) {
  auto list = [](const nlohmann::json& options) {
    std::vector<std::string> out;
    if (!options.is_object() || !options.contains("ignore")) return out;
    const nlohmann::json& ignore = options.at("ignore");
    if (ignore.is_string()) out.push_back(ignore.get<std::string>());
    if (ignore.is_array()) {
      for (const nlohmann::json& r : ignore) {
        if (r.is_string()) out.push_back(r.get<std::string>());
      }
    }
    return out;
  };
  const std::vector<std::string> before = list(configured);
  std::vector<std::string> added;
  for (std::string& r : list(proposed)) {
    if (std::find(before.begin(), before.end(), r) == before.end()) added.push_back(std::move(r));
  }
  return added;
}

// The calibration's own date (UTC and local), host and user: what equal runs cannot vary.
std::vector<StableValue> StableValuesNow(const RunContext& ctx) {
  std::vector<StableValue> values;
  const std::time_t now = static_cast<std::time_t>(ctx.clock->NowMs() / 1000);
  std::tm utc{}, local{};
  char day[16];
  if (gmtime_r(&now, &utc) != nullptr && std::strftime(day, sizeof day, "%Y-%m-%d", &utc) > 0) {
    values.push_back({"today's date", day});
  }
  if (localtime_r(&now, &local) != nullptr &&
      std::strftime(day, sizeof day, "%Y-%m-%d", &local) > 0 &&
      (values.empty() || values.front().value != day)) {
    values.push_back({"today's local date", day});
  }
  char host[256] = {};
  if (::gethostname(host, sizeof host - 1) == 0 && host[0] != '\0') {
    values.push_back({"this machine's name", host});
  }
  if (!ctx.user.empty()) values.push_back({"the user name", ctx.user});
  return values;
}

// StableValueHints on the start of a plain-text output (gzip and binary outputs: none).
std::vector<std::string> HintsFor(const fs::path& output, const std::string& kind,
                                  const nlohmann::json& options,
                                  const std::vector<StableValue>& values) {
  constexpr size_t kLimit = 16 << 20;
  std::error_code ec;
  const uintmax_t size = fs::file_size(output, ec);
  std::ifstream in(output, std::ios::binary);
  std::string text(ec ? 0 : static_cast<size_t>(std::min<uintmax_t>(size, kLimit)), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() >= 2 && static_cast<unsigned char>(text[0]) == 0x1f &&
      static_cast<unsigned char>(text[1]) == 0x8b) {
    return {};
  }
  if (text.find('\0') != std::string::npos) return {};
  std::unique_ptr<Comparator> rules;
  if (kind == "text") {
    auto built = MakeComparator(kind, options);
    if (built.ok()) rules = std::move(built).value();
  }
  return StableValueHints(text, values, dynamic_cast<const TextComparator*>(rules.get()));
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
  const auto first_start = std::chrono::steady_clock::now();
  std::optional<std::chrono::steady_clock::time_point> last_start;
  // One side run, started no sooner than min_spacing_ms after the previous one.
  auto run_side = [&](Side side, int k) -> Result<SideOutcome> {
    if (last_start) {
      const auto due = *last_start + std::chrono::milliseconds(options.min_spacing_ms);
      while (std::chrono::steady_clock::now() < due) {
        if (ctx.cancel->cancelled()) return Status::Cancelled("calibration interrupted");
        std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(
            due - std::chrono::steady_clock::now(), std::chrono::milliseconds(50)));
      }
    }
    if (ctx.cancel->cancelled()) return Status::Cancelled("calibration interrupted");
    last_start = std::chrono::steady_clock::now();
    SideJob job;
    job.step = &step;
    job.sample = sample;
    job.paths = &paths;
    job.side = side;
    job.role = Role::kServing;
    job.layout = MakeSideLayout(root, k, side, paths);
    SideOutcome run = runner.RunUnrecorded(job);
    if (ctx.cancel->cancelled()) return Status::Cancelled("calibration interrupted");
    return run;
  };

  std::vector<SideLayout> layouts;
  for (int k = 1; k <= options.runs; ++k) {
    ctx.progress->Note(fmt::format("calibrate {} {}: legacy run {} of {}", step.name,
                                   result.sample, k, options.runs));
    CUTOVER_ASSIGN_OR_RETURN(SideOutcome run, run_side(Side::kLegacy, k));
    if (!run.succeeded()) {
      return Status::Failed(fmt::format("legacy run {} of step {} on sample {} failed: {}", k,
                                        step.name, result.sample, DescribeFailure(run.record)));
    }
    result.wall_ms.push_back(run.record.wall_ms);
    layouts.push_back(std::move(run.layout));
  }
  std::optional<SideLayout> fresh;
  if (!step.new_impl) {
    result.new_note = "the step has no new side";
  } else if (!options.with_new) {
    result.new_note = "the new side was not run (--legacy-only)";
  } else {
    ctx.progress->Note(fmt::format("calibrate {} {}: new run", step.name, result.sample));
    CUTOVER_ASSIGN_OR_RETURN(SideOutcome run, run_side(Side::kNew, options.runs + 1));
    if (run.succeeded()) {
      result.new_ran = true;
      result.new_wall_ms = run.record.wall_ms;
      fresh = std::move(run.layout);
    } else {
      result.new_note = "new failed: " + DescribeFailure(run.record);
    }
  }
  result.span_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                       std::chrono::steady_clock::now() - first_start)
                       .count();
  const std::vector<StableValue> stable = StableValuesNow(ctx);

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
    if (fresh) {
      // Rules anchored on legacy's own words, widened to the new side's version of the line.
      const fs::path& theirs = fresh->outputs.at(out.name);
      std::vector<std::string> inferred = AddedIgnoreRules(oc.options, oc.proposed_options);
      // Compared without the inferred ignore rules, legacy's line and the new side's line at the
      // same place show up as one changed pair (with them, legacy's would just be dropped).
      nlohmann::json probe = oc.proposed_options;
      if (!inferred.empty() && probe.contains("ignore") && probe["ignore"].is_array()) {
        nlohmann::json kept = nlohmann::json::array();
        for (const nlohmann::json& r : probe["ignore"]) {
          if (!r.is_string() ||
              std::find(inferred.begin(), inferred.end(), r.get<std::string>()) == inferred.end()) {
            kept.push_back(r);
          }
        }
        probe["ignore"] = kept;
        if (kept.empty()) probe.erase("ignore");
      }
      CUTOVER_ASSIGN_OR_RETURN(Comparison sides, CompareWith(oc.proposed_kind, probe,
                                                             options.max_differences, first, theirs));
      RuleProposal wide = WidenRulesToNew(oc.proposed_kind, oc.proposed_options, inferred, sides);
      if (wide.changed) {
        oc.proposed_options = wide.options;
        for (std::string& r : wide.reasons) oc.reasons.push_back(std::move(r));
      }
      CUTOVER_ASSIGN_OR_RETURN(oc.between_sides, CompareWith(oc.proposed_kind, oc.proposed_options,
                                                             10, first, theirs));
    }
    // The final proposal must explain every pair.
    for (size_t k = 1; k < layouts.size(); ++k) {
      CUTOVER_ASSIGN_OR_RETURN(
          Comparison c, CompareWith(oc.proposed_kind, oc.proposed_options, 10, first,
                                    layouts[k].outputs.at(out.name)));
      if (c.outcome != Outcome::kMatch && c.outcome != Outcome::kNoise) oc.explained = false;
      oc.proposed.push_back(std::move(c));
    }
    oc.stable_hints = HintsFor(first, oc.proposed_kind, oc.proposed_options, stable);
    result.outputs.push_back(std::move(oc));
  }
  return result;
}

std::vector<std::string> CalibrationLimits(const CalibrationResult& result) {
  std::vector<std::string> limits;
  limits.push_back(fmt::format(
      "values that change more slowly than the runs ({} from first to last): the date, which "
      "changes at midnight, or a version",
      FormatDurationMs(result.span_ms)));
  limits.push_back("values of this machine, user and environment (host and user names, "
                   "absolute paths outside the pipeline folder, locale, thread counts)");
  if (result.sample != kAllSamples) {
    limits.push_back(fmt::format(
        "other input: it ran on sample {} only (`--sample` picks another)", result.sample));
  }
  if (!result.new_ran) limits.push_back("the new side's output: " + result.new_note);
  return limits;
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
                         {"configured_spec", CompareSpecJson(o.kind, o.options)},
                         {"configured", o.raw[k].ToJson()},
                         {"proposed", o.proposed[k].ToJson()}});
    }
    if (o.between_sides) {
      details.push_back({{"output", o.output},
                         {"runs", {1, "new"}},
                         {"configured_spec", CompareSpecJson(o.kind, o.options)},
                         {"proposed", o.between_sides->ToJson()}});
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

Result<CalibrationRecord> ApplyRecordedCalibration(LedgerReader& ledger, const Pipeline& pipeline,
                                                   const Step& step, const std::string& sample) {
  CUTOVER_ASSIGN_OR_RETURN(std::vector<CalibrationRecord> all, ledger.Calibrations(step.name));
  const CalibrationRecord* latest = nullptr;
  for (const CalibrationRecord& c : all) {
    if (sample.empty() || c.sample == sample) latest = &c;
  }
  if (latest == nullptr) {
    return Status::NotFound(fmt::format(
        "no calibration of step {}{} is recorded: run `cutover calibrate {}{}` first", step.name,
        sample.empty() ? "" : " on sample " + sample, step.name,
        sample.empty() ? "" : " --sample " + sample));
  }
  // Each proposed spec replaces the one it was inferred from: refuse when that one changed.
  for (const auto& [name, spec] : latest->proposal.items()) {
    const OutputSpec* out = nullptr;
    for (const OutputSpec& o : step.outputs) {
      if (o.name == name) out = &o;
    }
    if (out == nullptr) {
      return Status::Failed(fmt::format(
          "calibration {} proposed rules for output {}, which step {} no longer has: run "
          "`cutover calibrate {}` again",
          latest->id, name, step.name, step.name));
    }
    const nlohmann::json now = CompareSpecJson(
        out->compare.kind,
        out->compare.options.is_null() ? nlohmann::json::object() : out->compare.options);
    for (const nlohmann::json& d : latest->details) {
      if (d.value("output", std::string()) != name || !d.contains("configured_spec")) continue;
      if (d.at("configured_spec") != now) {
        return Status::Failed(fmt::format(
            "the compare: of output {} changed since calibration {} (then {}, now {}): its "
            "proposal was made for the earlier rules; run `cutover calibrate {}` again",
            name, latest->id, ToFlowYaml(d.at("configured_spec")), ToFlowYaml(now), step.name));
      }
      break;
    }
  }
  if (!latest->proposal.empty()) {
    CUTOVER_RETURN_IF_ERROR(ApplyCalibration(pipeline, step.name, latest->proposal));
  }
  return *latest;
}

}  // namespace cutover
