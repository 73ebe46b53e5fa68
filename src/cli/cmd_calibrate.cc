// `cutover calibrate STEP [--sample S] [--runs N] [--apply]`: how noisy is legacy on its own?
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "cli/signals.h"
#include "pipeline/loader.h"
#include "pipeline/yaml_edit.h"
#include "run/calibration.h"
#include "util/file.h"
#include "util/strings.h"

namespace cutover {
namespace {

nlohmann::json SpecJson(const std::string& kind, const nlohmann::json& options) {
  nlohmann::json j = {{"kind", kind}};
  for (const auto& [k, v] : options.items()) j[k] = v;
  return j;
}

}  // namespace

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
    auto project = Project::Open(*global, &cancel);
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
    nlohmann::json proposal = nlohmann::json::object();
    nlohmann::json details = nlohmann::json::array();
    bool any_change = false;
    for (const OutputCalibration& o : result->outputs) {
      for (size_t k = 0; k < o.raw.size(); ++k) {
        details.push_back({{"output", o.output},
                           {"runs", {1, k + 2}},
                           {"configured", o.raw[k].ToJson()},
                           {"proposed", o.proposed[k].ToJson()}});
      }
      if (o.deterministic) {
        std::cout << fmt::format("  {:<16} deterministic: every run identical under compare: {}\n",
                                 o.output, ToFlowYaml(SpecJson(o.kind, o.options)));
        continue;
      }
      std::cout << fmt::format("  {:<16} differs between legacy runs: {}\n", o.output,
                               o.raw.front().message);
      for (const std::string& r : o.reasons) std::cout << "      + " << r << "\n";
      if (o.changed()) {
        any_change = true;
        proposal[o.output] = SpecJson(o.proposed_kind, o.proposed_options);
      }
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
    CalibrationRecord rec;
    rec.step = step->name;
    rec.sample = result->sample;
    rec.at_ms = ctx.clock->NowMs();
    rec.user = ctx.user;
    rec.runs = result->runs;
    rec.deterministic = result->deterministic();
    rec.proposal = proposal;
    rec.details = details;
    auto recorded = ctx.ledger->RecordCalibration(rec);
    if (!recorded.ok()) return ReportError(recorded.status());

    if (any_change) {
      std::cout << "\nproposed (steps." << step->name << ".outputs):\n";
      for (const auto& [name, spec] : proposal.items()) {
        std::cout << fmt::format("  {}:\n    compare: {}\n", name, ToFlowYaml(spec));
      }
      if (a->apply) {
        const std::filesystem::path file = p.pipeline().file;
        auto text = ReadFile(file);
        if (!text.ok()) return ReportError(text.status());
        std::string edited = *text;
        for (const auto& [name, spec] : proposal.items()) {
          auto next = SetOutputCompare(edited, step->name, name, ToFlowYaml(spec));
          if (!next.ok()) {
            return ReportError(Status::InvalidArgument(fmt::format(
                "cannot apply to {} automatically ({}): paste the snippet above",
                file.string(), next.status().message())));
          }
          edited = std::move(next).value();
        }
        // The edited file must load, and say what was proposed.
        auto reloaded = ParsePipeline(edited, file.string(), p.pipeline().root);
        Status checked = reloaded.ok() ? CheckComparatorsAndPolicies(*reloaded) : reloaded.status();
        if (!checked.ok()) {
          return ReportError(Status::Internal("the edited pipeline file does not load (" +
                                              checked.message() +
                                              "): nothing written; paste the snippet above"));
        }
        Status written = WriteFileAtomic(file, edited);
        if (!written.ok()) return ReportError(written);
        std::cout << fmt::format("applied to {}\n", file.string());
      } else {
        std::cout << "`cutover calibrate " << step->name
                  << " --apply` writes them into the pipeline file.\n";
      }
    }
    return result->explained() ? kExitOk : kExitFailed;
  };
}

}  // namespace cutover
