#include "route/route.h"

#include <fmt/format.h>

#include "route/canary.h"

namespace cutover {

std::string_view ToString(RouteMode mode) {
  switch (mode) {
    case RouteMode::kLegacy: return "legacy";
    case RouteMode::kShadow: return "shadow";
    case RouteMode::kCanary: return "canary";
    case RouteMode::kNew: return "new";
    case RouteMode::kRetired: return "retired";
  }
  return "?";
}

Result<RouteMode> ParseRouteMode(std::string_view text) {
  for (RouteMode m : {RouteMode::kLegacy, RouteMode::kShadow, RouteMode::kCanary, RouteMode::kNew,
                      RouteMode::kRetired}) {
    if (text == ToString(m)) return m;
  }
  return Status::InvalidArgument(fmt::format(
      "unknown route '{}' (use legacy, shadow, canary N, new or retired)", text));
}

std::string ToString(const Route& route) {
  if (route.mode == RouteMode::kCanary) return fmt::format("canary {}%", route.percent);
  return std::string(ToString(route.mode));
}

Result<Route> MakeRoute(RouteMode mode, std::optional<int> percent) {
  if (mode == RouteMode::kCanary) {
    if (!percent) return Status::InvalidArgument("canary needs a percentage: canary N (0-100)");
    if (*percent < 0 || *percent > 100) {
      return Status::InvalidArgument(
          fmt::format("canary percentage {} is outside 0-100", *percent));
    }
    return Route{mode, *percent};
  }
  if (percent) {
    return Status::InvalidArgument(
        fmt::format("route '{}' takes no percentage (only canary does)", ToString(mode)));
  }
  return Route{mode, 0};
}

std::string_view ToString(Side side) { return side == Side::kLegacy ? "legacy" : "new"; }

Result<Side> ParseSide(std::string_view text) {
  if (text == "legacy") return Side::kLegacy;
  if (text == "new") return Side::kNew;
  return Status::InvalidArgument(fmt::format("unknown side '{}' (legacy or new)", text));
}

std::string_view ToString(Role role) {
  switch (role) {
    case Role::kServing: return "serving";
    case Role::kShadow: return "shadow";
    case Role::kFallback: return "fallback";
  }
  return "?";
}

Result<Role> ParseRole(std::string_view text) {
  for (Role r : {Role::kServing, Role::kShadow, Role::kFallback}) {
    if (text == ToString(r)) return r;
  }
  return Status::InvalidArgument(fmt::format("unknown role '{}'", text));
}

ExecutionPlan PlanExecution(const Route& route, bool has_new, std::string_view step,
                            std::string_view sample) {
  ExecutionPlan plan;
  if (!has_new) return plan;  // legacy serves alone
  switch (route.mode) {
    case RouteMode::kLegacy:
      break;
    case RouteMode::kShadow:
      plan.run_shadow = true;
      break;
    case RouteMode::kCanary:
      plan.run_shadow = true;
      if (InCanary(step, sample, route.percent)) {
        plan.serving = Side::kNew;
        plan.legacy_fallback = true;
      }
      break;
    case RouteMode::kNew:
      plan.serving = Side::kNew;
      plan.legacy_fallback = true;
      break;
    case RouteMode::kRetired:
      plan.serving = Side::kNew;
      break;
  }
  return plan;
}

}  // namespace cutover
