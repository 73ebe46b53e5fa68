#include "evidence/route_change.h"

#include <fmt/format.h>

#include "route/auto_rollback.h"

namespace cutover {

int NewShare(const Route& route) {
  switch (route.mode) {
    case RouteMode::kLegacy:
    case RouteMode::kShadow: return 0;
    case RouteMode::kCanary: return route.percent;
    case RouteMode::kNew:
    case RouteMode::kRetired: return 100;
  }
  return 0;
}

bool MovesForward(const Route& from, const Route& to) { return NewShare(to) > NewShare(from); }

Result<RouteChange> ChangeStepRoute(Ledger& ledger, const Step& step, RouteChange change) {
  change.step = step.name;
  if (change.to.mode != RouteMode::kLegacy && !step.new_impl) {
    return Status::InvalidArgument(fmt::format(
        "step {} has no `new:` implementation, so it can only be routed to legacy", step.name));
  }
  if (change.reason.empty()) {
    return Status::InvalidArgument(
        fmt::format("a route change of step {} needs a reason (it is recorded)", step.name));
  }
  return ledger.ChangeRoute(change);
}

Result<std::optional<RouteChange>> RollBackIfFailing(Ledger& ledger, const Step& step,
                                                     const std::string& sample,
                                                     const std::string& why, int64_t now_ms) {
  CUTOVER_ASSIGN_OR_RETURN(Route route, ledger.GetRoute(step.name));
  if (route.mode != RouteMode::kCanary && route.mode != RouteMode::kNew) {
    return std::optional<RouteChange>();  // nothing to count: not served by new
  }
  CUTOVER_ASSIGN_OR_RETURN(int failures, ledger.ConsecutiveNewFailures(step.name));
  std::optional<std::string> reason =
      AutoRollbackReason(route, failures, step.max_consecutive_failures, sample, why);
  if (!reason) return std::optional<RouteChange>();
  RouteChange change;
  change.at_ms = now_ms;
  change.user = "cutover";
  change.to = Route{RouteMode::kLegacy, 0};
  change.automatic = true;
  change.reason = *reason;
  CUTOVER_ASSIGN_OR_RETURN(RouteChange done, ChangeStepRoute(ledger, step, change));
  return std::optional<RouteChange>(std::move(done));
}

}  // namespace cutover
