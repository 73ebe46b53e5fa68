// `cutover promote STEP`: one stage along (legacy -> shadow -> canary ... -> new), only when the
// step's gate holds; `--force --reason` overrides and is recorded.
#include <iostream>

#include <fmt/format.h>

#include "cli/commands.h"
#include "evidence/gate.h"

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
    auto project = Project::Open(*global, &cancel, false);
    if (!project.ok()) return ReportError(project.status());
    const Step* step = (*project)->pipeline().FindStep(a->step);
    if (!step) {
      return ReportError(Status::InvalidArgument(fmt::format(
          "no step '{}' in {}", a->step, (*project)->pipeline().file.string())));
    }
    if (!step->new_impl) {
      return ReportError(Status::InvalidArgument(fmt::format(
          "step {} has no `new:` implementation: there is nothing to promote", a->step)));
    }
    const RunContext& ctx = (*project)->context();
    const int64_t now = ctx.clock->NowMs();
    auto gate = EvaluateStepGate(*ctx.ledger, step->name, step->policy, now);
    if (!gate.ok()) return ReportError(gate.status());
    const Route current = gate->window.route;
    auto next = NextStage(current, gate->policy);
    if (!next.ok()) return ReportError(next.status().WithContext(step->name));
    const GateEvaluation& g = gate->evaluation;
    const bool gated = NeedsGate(current);
    std::string evidence =
        gated ? fmt::format("{} comparisons on {} samples over {:.1f} days, {} unexplained",
                            g.comparisons, g.samples, g.days, g.unexplained)
              : "no gate from legacy to shadow";
    if (gated && !g.ready && !a->force) {
      std::cout << fmt::format("{}: not ready for {} -> {}: missing {}\n", step->name,
                               ToString(current), ToString(*next), g.Summary());
      std::cout << fmt::format("  evidence in this stage: {}\n", evidence);
      std::cout << fmt::format(
          "  `cutover mismatches {}` lists what disagreed; `--force --reason TEXT` overrides "
          "(recorded)\n",
          step->name);
      return kExitFailed;
    }
    if (a->dry_run) {
      std::cout << fmt::format("{}: would promote {} -> {} ({})\n", step->name, ToString(current),
                               ToString(*next), gated ? g.Summary() : evidence);
      return kExitOk;
    }
    RouteChange change;
    change.step = step->name;
    change.at_ms = now;
    change.user = ctx.user;
    change.to = *next;
    change.expect_from = current;
    change.forced = gated && !g.ready;
    if (gated) {
      change.evidence = g.ToJson();
      change.evidence["policy"] = ToJson(gate->policy);
    }
    std::string why = change.forced ? fmt::format("forced past the gate ({}): {}", g.Summary(),
                                                  a->reason)
                                    : fmt::format("promoted: gate {}", gated ? "holds" : "not needed");
    if (!change.forced && !a->reason.empty()) why += ": " + a->reason;
    if (!change.forced && gated) why += fmt::format(" ({})", evidence);
    change.reason = why;
    auto done = ctx.ledger->ChangeRoute(change);
    if (!done.ok()) return ReportError(done.status());
    std::cout << fmt::format("{}: {} -> {}{}\n", step->name, ToString(done->from),
                             ToString(done->to), change.forced ? " (FORCED)" : "");
    std::cout << "  " << why << "\n";
    return kExitOk;
  };
}

}  // namespace cutover
