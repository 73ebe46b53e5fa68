#include "evidence/promotion.h"

#include <fmt/format.h>

#include "evidence/compare_config.h"
#include "evidence/route_change.h"

namespace cutover {

Result<Promotion> Promote(Ledger& ledger, const Step& step, const GatePolicy& policy,
                          const PromotionRequest& request) {
  if (!step.new_impl) {
    return Status::InvalidArgument(fmt::format(
        "step {} has no `new:` implementation: there is nothing to promote", step.name));
  }
  if (request.force && request.reason.empty()) {
    return Status::InvalidArgument("a forced promotion needs a reason: say why");
  }
  Promotion p;
  CUTOVER_ASSIGN_OR_RETURN(p.gate, EvaluateStepGate(ledger, step.name, policy, request.now_ms,
                                                   CompareConfigOf(step).digest));
  p.from = p.gate.window.route;
  auto next = NextStage(p.from, p.gate.policy);
  if (!next.ok()) return next.status().WithContext(step.name);
  p.to = *next;
  const GateEvaluation& g = p.gate.evaluation;
  p.gated = NeedsGate(p.from);
  p.evidence = p.gated
                   ? fmt::format("{} comparisons on {} samples over {:.1f} days, {} unexplained",
                                 g.comparisons, g.samples, g.days, g.unexplained)
                   : "no gate from legacy to shadow";
  const bool forced = p.gated && !g.ready;
  if (forced && !request.force) {
    p.outcome = PromotionOutcome::kNotReady;
    return p;
  }
  if (request.dry_run) {
    p.outcome = PromotionOutcome::kWouldPromote;
    return p;
  }
  RouteChange change;
  change.at_ms = request.now_ms;
  change.user = request.user;
  change.to = p.to;
  change.expect_from = p.from;  // decided on this stage's evidence: not valid for another
  change.forced = forced;
  if (p.gated) {
    change.evidence = g.ToJson();
    change.evidence["policy"] = ToJson(p.gate.policy);
  }
  std::string why =
      forced ? fmt::format("forced past the gate ({}): {}", g.Summary(), request.reason)
             : fmt::format("promoted: gate {}", p.gated ? "holds" : "not needed");
  if (!forced && !request.reason.empty()) why += ": " + request.reason;
  if (!forced && p.gated) why += fmt::format(" ({})", p.evidence);
  change.reason = why;
  CUTOVER_ASSIGN_OR_RETURN(p.change, ChangeStepRoute(ledger, step, change));
  p.outcome = PromotionOutcome::kPromoted;
  return p;
}

}  // namespace cutover
