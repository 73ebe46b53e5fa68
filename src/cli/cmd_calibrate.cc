// `cutover calibrate STEP [--sample S] [--runs N] [--apply]`: how noisy is legacy on its own?
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/signals.h"
#include "pipeline/yaml_edit.h"
#include "run/calibration.h"
#include "util/strings.h"

namespace cutover {
Handler SetupCalibrate(CLI::App* app, const GlobalOptions* global) {
  struct Args {
    std::string step, sample;
    int runs = 2;
    bool apply = false;
  };
  auto a = std::make_shared<Args>();
  app->add_option("STEP", a->step, "the step")->required();
  app->add_option("-s,--sample", a->sample, "the sample to run on (default: the first)");
  app->add_option("--runs", a->runs, "legacy runs to compare (default 2)")
      ->check(CLI::Range(2, 20));
  app->add_flag("--apply", a->apply,
                "write the proposed compare: rules into the pipeline file (comments kept)");
  app->footer(
      "Exit status: 0 legacy is deterministic or every difference is covered by the proposed "
      "rules, 1 some differences could not be explained, 2 usage.");
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
    CalibrationOptions options;
    options.runs = a->runs;
    auto result = Calibrate(ctx, *step, sample, options);
    if (!result.ok()) return ReportError(result.status());

    std::cout << fmt::format("calibrated {} on sample {}: {} legacy runs ({})\n", step->name,
                             result->sample, result->runs,
                             [&] {
                               std::string t;
                               for (int64_t ms : result->wall_ms) {
                                 t += (t.empty() ? "" : ", ") + FormatDurationMs(ms);
                               }
                               return t;
                             }());
    for (const OutputCalibration& o : result->outputs) {
      if (o.deterministic) {
        std::cout << fmt::format("  {:<16} deterministic: every run identical under compare: {}\n",
                                 o.output, ToFlowYaml(CompareSpecJson(o.kind, o.options)));
        continue;
      }
      std::cout << fmt::format("  {:<16} differs between legacy runs: {}\n", o.output,
                               o.raw.front().message);
      for (const std::string& r : o.reasons) std::cout << "      + " << r << "\n";
      if (o.explained) {
        std::cout << fmt::format("      with the proposed rules: {}\n", o.proposed.front().message);
      } else {
        std::cout << fmt::format(
            "      NOT explained by any rule cutover can infer: {}\n      (`cutover compare` on "
            "the runs in {} shows it; write the rule by hand, or use a `command` comparator)\n",
            o.proposed.front().message,
            (ctx.ScratchDir() / step->name / "calibration").string());
      }
    }
    auto recorded = RecordCalibration(ctx, *step, *result);
    if (!recorded.ok()) return ReportError(recorded.status());

    const nlohmann::json proposal = ProposedSpecs(*result);
    if (!proposal.empty()) {
      std::cout << "\nproposed (steps." << step->name << ".outputs):\n";
      for (const auto& [name, spec] : proposal.items()) {
        std::cout << fmt::format("  {}:\n    compare: {}\n", name, ToFlowYaml(spec));
      }
      if (a->apply) {
        Status applied = ApplyCalibration(p.pipeline(), step->name, proposal);
        if (applied.code() == StatusCode::kInvalidArgument ||
            applied.code() == StatusCode::kInternal) {
          const char* sep = applied.code() == StatusCode::kInternal ? "; " : ": ";
          return ReportError(
              Status(applied.code(), applied.message() + sep + "paste the snippet above"));
        }
        if (!applied.ok()) return ReportError(applied);
        std::cout << fmt::format("applied to {}\n", p.pipeline().file.string());
      } else {
        std::cout << "`cutover calibrate " << step->name
                  << " --apply` writes them into the pipeline file.\n";
      }
    }
    return result->explained() ? kExitOk : kExitFailed;
  };
}

}  // namespace cutover
