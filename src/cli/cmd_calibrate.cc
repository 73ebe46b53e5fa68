// `cutover calibrate STEP [--sample S] [--runs N] [--legacy-only]`: how noisy is legacy on its
// own, and what still differs from new under rules that make that noise? `--apply` writes the
// latest recorded proposal into the pipeline file without running anything.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/signals.h"
#include "pipeline/yaml_edit.h"
#include "run/calibration.h"
#include "util/strings.h"

namespace cutover {
namespace {

// Up to 3 of a comparison's differences, one line each.
void PrintDifferences(const Comparison& c, std::string_view indent) {
  int shown = 0;
  for (const Difference& d : c.differences) {
    if (++shown > 3) break;
    std::cout << fmt::format("{}{}: legacy {} | new {}\n", indent, d.location,
                             d.in_legacy ? "'" + d.legacy + "'" : std::string("(none)"),
                             d.in_new ? "'" + d.new_side + "'" : std::string("(none)"));
  }
}

void PrintOutput(const OutputCalibration& o, const RunContext& ctx, const Step& step) {
  if (o.deterministic) {
    std::cout << fmt::format("  {:<16} deterministic: every run identical under compare: {}\n",
                             o.output, ToFlowYaml(CompareSpecJson(o.kind, o.options)));
  } else {
    std::cout << fmt::format("  {:<16} differs between legacy runs: {}\n", o.output,
                             o.raw.front().message);
    for (const std::string& r : o.reasons) std::cout << "      + " << r << "\n";
    if (o.explained) {
      std::cout << fmt::format("      with the proposed rules: {}\n", o.proposed.front().message);
    } else {
      std::cout << fmt::format(
          "      NOT explained by any rule cutover can infer: {}\n      (`cutover compare` on "
          "the runs in {} shows it; write the rule by hand, or use a `command` comparator)\n",
          o.proposed.front().message, (ctx.ScratchDir() / step.name / "calibration").string());
    }
  }
  if (o.between_sides) {
    const Comparison& c = *o.between_sides;
    const bool same = c.outcome == Outcome::kMatch || c.outcome == Outcome::kNoise;
    std::cout << fmt::format("      legacy and new{}: {}{}\n",
                             o.deterministic && !o.changed() ? "" : " under these rules",
                             same ? "" : "still differ, ", c.message);
    if (!same) {
      PrintDifferences(c, "        ");
      std::cout << "        (left as differences: calibration only makes rules of what legacy "
                   "varies on by itself; triage them with `cutover diff` after shadow runs)\n";
    }
  }
  for (const std::string& h : o.stable_hints) {
    std::cout << fmt::format("      ! {}, the same in every run: if it changes from run to run "
                             "in production, add a rule\n",
                             h);
  }
}

// `--apply`: the latest recorded proposal, written without running anything.
int ApplyLatest(Project& p, const Step& step, const std::string& sample) {
  auto applied = ApplyRecordedCalibration(*p.context().ledger, p.pipeline(), step, sample);
  if (!applied.ok()) {
    const Status& s = applied.status();
    if (s.code() == StatusCode::kInvalidArgument || s.code() == StatusCode::kInternal) {
      return ReportError(Status(s.code(), s.message() + "; paste the snippet `cutover calibrate " +
                                              step.name + "` printed"));
    }
    return ReportError(s);
  }
  if (applied->proposal.empty()) {
    std::cout << fmt::format(
        "calibration {} of {} (sample {}) proposed no rules: nothing to apply\n", applied->id,
        step.name, applied->sample);
    return kExitOk;
  }
  for (const auto& [name, spec] : applied->proposal.items()) {
    std::cout << fmt::format("  {}:\n    compare: {}\n", name, ToFlowYaml(spec));
  }
  std::cout << fmt::format("calibration {} of {} (sample {}) applied to {}\n", applied->id,
                           step.name, applied->sample, p.pipeline().file.string());
  return kExitOk;
}

}  // namespace

Handler SetupCalibrate(CLI::App* app, const GlobalOptions* global) {
  struct Args {
    std::string step, sample;
    int runs = 2;
    bool apply = false;
    bool legacy_only = false;
  };
  auto a = std::make_shared<Args>();
  app->add_option("STEP", a->step, "the step")->required();
  app->add_option("-s,--sample", a->sample, "the sample to run on (default: the first)");
  auto* runs = app->add_option("--runs", a->runs, "legacy runs to compare (default 2)")
                   ->check(CLI::Range(2, 20));
  auto* legacy_only = app->add_flag("--legacy-only", a->legacy_only,
                                    "do not run the new side (by default it runs once, and the "
                                    "rules are fitted to its output too)");
  app->add_flag("--apply", a->apply,
                "write the proposal of the latest calibration into the pipeline file (comments "
                "kept), without running anything")
      ->excludes(runs)
      ->excludes(legacy_only);
  app->footer(
      "Exit status: 0 legacy is deterministic or every difference is covered by the proposed "
      "rules (or --apply applied it), 1 some differences could not be explained (or the "
      "proposal no longer fits), 2 usage.");
  return [global, a] {
    CancelToken cancel;
    SignalWatcher signals(&cancel);
    auto project = Project::Open(*global, &cancel, ProjectUse::kRun);
    if (!project.ok()) return ReportError(project.status());
    Project& p = **project;
    const Step* step = p.pipeline().FindStep(a->step);
    if (!step) return ReportError(Status::InvalidArgument(fmt::format("unknown step '{}'", a->step)));
    const Sample* sample = nullptr;
    if (step->scope == StepScope::kPerSample) {
      if (a->sample.empty()) {
        if (p.pipeline().samples.empty()) {
          return ReportError(Status::InvalidArgument("the pipeline has no samples"));
        }
        sample = &p.pipeline().samples.front();
      } else {
        sample = p.pipeline().FindSample(a->sample);
        if (!sample) {
          return ReportError(Status::InvalidArgument(fmt::format("unknown sample '{}'", a->sample)));
        }
      }
    }
    const RunContext& ctx = p.context();
    if (a->apply) return ApplyLatest(p, *step, a->sample);
    CalibrationOptions options;
    options.runs = a->runs;
    options.with_new = !a->legacy_only;
    auto result = Calibrate(ctx, *step, sample, options);
    if (!result.ok()) return ReportError(result.status());

    std::cout << fmt::format("calibrated {} on sample {}: {} legacy runs ({}){}\n", step->name,
                             result->sample, result->runs,
                             [&] {
                               std::string t;
                               for (int64_t ms : result->wall_ms) {
                                 t += (t.empty() ? "" : ", ") + FormatDurationMs(ms);
                               }
                               return t;
                             }(),
                             result->new_ran ? fmt::format(" and 1 new run ({})",
                                                           FormatDurationMs(result->new_wall_ms))
                                             : std::string());
    for (const OutputCalibration& o : result->outputs) PrintOutput(o, ctx, *step);
    std::cout << "\ncalibration cannot see:\n";
    for (const std::string& limit : CalibrationLimits(*result)) std::cout << "  - " << limit << "\n";
    auto recorded = RecordCalibration(ctx, *step, *result);
    if (!recorded.ok()) return ReportError(recorded.status());

    const nlohmann::json proposal = ProposedSpecs(*result);
    if (!proposal.empty()) {
      std::cout << "\nproposed (steps." << step->name << ".outputs):\n";
      for (const auto& [name, spec] : proposal.items()) {
        std::cout << fmt::format("  {}:\n    compare: {}\n", name, ToFlowYaml(spec));
      }
      std::cout << fmt::format(
          "recorded as calibration {}; `cutover calibrate {} --apply` writes it into the "
          "pipeline file.\n",
          *recorded, step->name);
    }
    return result->explained() ? kExitOk : kExitFailed;
  };
}

}  // namespace cutover
