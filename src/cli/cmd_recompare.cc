// `cutover recompare STEP [--since DATE]`: judge again, with the step's current `compare:`, the
// tasks judged with an earlier one (run/recompare.h).
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "run/recompare.h"
#include "util/clock.h"
#include "util/strings.h"

namespace cutover {

Handler SetupRecompare(CLI::App* app, const GlobalOptions* global) {
  struct Args {
    std::string step, since;
    bool json = false;
  };
  auto a = std::make_shared<Args>();
  app->add_option("STEP", a->step, "the step whose compare: changed")->required();
  app->add_option("--since", a->since,
                  "only comparisons made at or after this time, e.g. 2026-11-01 (default: all)");
  app->add_flag("--json", a->json, "machine-readable output");
  app->footer(
      "Exit status: 0 every task judged again agrees (match or noise), 1 one disagrees, "
      "2 usage or ledger error. Tasks whose outputs are no longer kept are listed, not judged.");
  return [global, a] {
    int64_t since = 0;
    if (!a->since.empty()) {
      auto parsed = ParseUtc(a->since);
      if (!parsed.ok()) {
        std::cerr << "cutover: --since: " << parsed.status().message() << "\n";
        return kExitUsage;
      }
      since = *parsed;
    }
    CancelToken cancel;
    auto project = Project::Open(*global, &cancel, ProjectUse::kChange);
    if (!project.ok()) return ReportError(project.status());
    Project& p = **project;
    const Step* step = p.pipeline().FindStep(a->step);
    if (step == nullptr) {
      return ReportError(Status::InvalidArgument(fmt::format("no step '{}'", a->step)));
    }
    auto r = Recompare(p.ledger(), p.pipeline(), *step, p.rules().Of(step->name), since,
                       p.context().clock->NowMs());
    if (!r.ok()) return ReportError(r.status());
    int code = kExitOk;
    for (const ComparisonRecord& c : r->recorded) {
      if (c.outcome == Outcome::kMismatch || c.outcome == Outcome::kError) code = kExitFailed;
    }
    if (a->json) {
      nlohmann::json out = {{"step", step->name},
                            {"compare_changed", nullptr},
                            {"tasks", r->tasks},
                            {"recompared", nlohmann::json::array()},
                            {"outcomes", nlohmann::json::object()},
                            {"not_recompared", r->gone}};
      if (r->changed_at_ms != 0) {
        out["compare_changed"] = {{"at", FormatUtc(r->changed_at_ms)}, {"change", r->change}};
      }
      for (const auto& [outcome, n] : r->outcomes) out["outcomes"][ToString(outcome)] = n;
      for (const ComparisonRecord& c : r->recorded) {
        out["recompared"].push_back({{"comparison", c.id},
                                     {"task", c.task_id},
                                     {"sample", c.sample},
                                     {"output", c.output},
                                     {"outcome", ToString(c.outcome)},
                                     {"was", c.summary.value("recompared", int64_t{0})},
                                     {"message", c.summary.value("message", std::string())}});
      }
      std::cout << out.dump(2) << "\n";
      return code;
    }
    if (!r->announcement.empty()) std::cout << TerminalSafe(r->announcement) << "\n";
    if (r->changed_at_ms == 0) {
      std::cout << fmt::format(
          "compare: of {} has not changed since the ledger first recorded it: every comparison "
          "was made with it, nothing to judge again\n",
          step->name);
      return kExitOk;
    }
    if (r->tasks == 0) {
      std::cout << fmt::format(
          "every task of {}{} was already judged with the current compare: (in force since "
          "{}): nothing to judge again\n",
          step->name, since ? " since " + FormatUtc(since) : "", FormatUtc(r->changed_at_ms));
      return kExitOk;
    }
    std::vector<std::string> counts;
    for (const auto& [outcome, n] : r->outcomes) {
      counts.push_back(fmt::format("{} {}", n, ToString(outcome)));
    }
    const int64_t judged = r->tasks - static_cast<int64_t>(r->gone.size());
    std::cout << TerminalSafe(fmt::format(
        "judged {} of {} task{} of {} again with the current compare: (in force since {}: {}){}{}\n",
        judged, r->tasks, r->tasks == 1 ? "" : "s", step->name, FormatUtc(r->changed_at_ms),
        OneLineForTerminal(r->change), counts.empty() ? "" : ": ", Join(counts, ", ")));
    for (const ComparisonRecord& c : r->recorded) {
      if (c.outcome == Outcome::kMatch || c.outcome == Outcome::kNoise) continue;
      std::cout << TerminalSafe(fmt::format(
                       "  {:<8} task {} (sample {}) output {}: {}  [comparison c{}, was c{}]",
                       ToString(c.outcome), c.task_id, OneLineForTerminal(c.sample), c.output,
                       OneLineForTerminal(c.summary.value("message", std::string())), c.id,
                       c.summary.value("recompared", int64_t{0})))
                << "\n";
    }
    if (!r->gone.empty()) {
      std::cout << fmt::format(
          "{} task{} could not be judged again: {} outputs are no longer kept (a step keeps the "
          "scratch of its last {} tasks: settings.retain_scratch); {} towards the gate:\n",
          r->gone.size(), r->gone.size() == 1 ? "" : "s", r->gone.size() == 1 ? "its" : "their",
          p.pipeline().settings.retain_scratch,
          r->gone.size() == 1 ? "it no longer counts" : "they no longer count");
      size_t shown = 0;
      for (const std::string& g : r->gone) {
        if (++shown > 20) {
          std::cout << fmt::format("  ... and {} more (--json lists all)\n", r->gone.size() - 20);
          break;
        }
        std::cout << TerminalSafe("  " + g) << "\n";
      }
    }
    return code;
  };
}

}  // namespace cutover
