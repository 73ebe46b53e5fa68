// `cutover promote STEP`: one stage along (legacy -> shadow -> canary ... -> new), only when the
// step's gate holds; `--force --reason` overrides and is recorded.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "util/strings.h"
#include "evidence/promotion.h"

namespace cutover {

Handler SetupPromote(CLI::App* app, const GlobalOptions* global) {
  struct Args {
    std::string step, reason;
    bool force = false;
    bool dry_run = false;
  };
  auto a = std::make_shared<Args>();
  app->add_option("STEP", a->step, "the step")->required();
  app->add_option("--reason", a->reason, "why (recorded in the history; required with --force)");
  app->add_flag("--force", a->force, "promote even though the gate does not hold (recorded)");
  app->add_flag("--dry-run", a->dry_run, "only say whether the gate holds and where it would go");
  app->footer(
      "Exit status: 0 promoted (or, with --dry-run, would be), 1 the gate does not hold, "
      "2 usage, 3 the route changed meanwhile.");
  return [global, a] {
    if (a->force && a->reason.empty()) {
      return ReportError(Status::InvalidArgument("--force needs --reason TEXT: say why"));
    }
    CancelToken cancel;
    auto project = Project::Open(*global, &cancel, ProjectUse::kChange);
    if (!project.ok()) return ReportError(project.status());
    const Step* step = (*project)->pipeline().FindStep(a->step);
    if (!step) {
      return ReportError(Status::InvalidArgument(fmt::format(
          "no step '{}' in {}", a->step, (*project)->pipeline().file.string())));
    }
    const RunContext& ctx = (*project)->context();
    PromotionRequest request;
    request.force = a->force;
    request.dry_run = a->dry_run;
    request.reason = a->reason;
    request.user = ctx.user;
    request.now_ms = ctx.clock->NowMs();
    auto promotion = Promote(*ctx.ledger, *step, ctx.rules->Of(step->name).policy, request);
    if (!promotion.ok()) return ReportError(promotion.status());
    const Promotion& p = *promotion;
    const GateEvaluation& g = p.gate.evaluation;
    switch (p.outcome) {
      case PromotionOutcome::kNotReady:
        std::cout << fmt::format("{}: not ready for {} -> {}: missing {}\n", step->name,
                                 ToString(p.from), ToString(p.to), g.Summary());
        std::cout << fmt::format("  evidence in this stage: {}\n", p.evidence);
        if (g.no_longer_counting > 0) {
          std::cout << TerminalSafe(fmt::format("  {}\n", g.no_longer_counting_reason));
        }
        std::cout << fmt::format(
            "  `cutover mismatches {}` lists what disagreed; `--force --reason TEXT` overrides "
            "(recorded)\n",
            step->name);
        return kExitFailed;
      case PromotionOutcome::kWouldPromote:
        std::cout << fmt::format("{}: would promote {} -> {} ({})\n", step->name,
                                 ToString(p.from), ToString(p.to),
                                 p.gated ? g.Summary() : p.evidence);
        return kExitOk;
      case PromotionOutcome::kPromoted:
        std::cout << fmt::format("{}: {} -> {}{}\n", step->name, ToString(p.change.from),
                                 ToString(p.change.to), p.change.forced ? " (FORCED)" : "");
        std::cout << "  " << p.change.reason << "\n";
        return kExitOk;
    }
    return kExitFailed;
  };
}

}  // namespace cutover
