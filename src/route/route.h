// Routes: which implementation of a step serves a sample, and which runs beside it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "util/status.h"

namespace cutover {

enum class RouteMode {
  kLegacy,   // legacy serves; new does not run (the default for every step)
  kShadow,   // legacy serves; new runs beside it and is compared
  kCanary,   // both run; `percent` of samples (stable hash) are served by new, the rest by legacy
  kNew,      // new serves; legacy runs only as a fallback when new fails
  kRetired,  // new serves; legacy never runs, not even as a fallback
};
std::string_view ToString(RouteMode mode);
Result<RouteMode> ParseRouteMode(std::string_view text);

struct Route {
  RouteMode mode = RouteMode::kLegacy;
  int percent = 0;  // 0..100, meaningful for kCanary only (0 elsewhere)

  bool operator==(const Route&) const = default;
};
// "legacy", "canary 30%".
std::string ToString(const Route& route);
// Validates a route as given on the command line: canary needs 0 <= percent <= 100 and every
// other mode takes no percent.
Result<Route> MakeRoute(RouteMode mode, std::optional<int> percent);

enum class Side { kLegacy, kNew };
std::string_view ToString(Side side);
Result<Side> ParseSide(std::string_view text);
inline Side Other(Side s) { return s == Side::kLegacy ? Side::kNew : Side::kLegacy; }

enum class Role { kServing, kShadow, kFallback };
std::string_view ToString(Role role);
Result<Role> ParseRole(std::string_view text);

// What one execution of a step for a sample does, decided once from the route at its start.
struct ExecutionPlan {
  Side serving = Side::kLegacy;
  bool run_shadow = false;        // the other side runs concurrently and is compared
  bool legacy_fallback = false;   // if new serves and fails, legacy runs and serves instead
};

// Decides the plan. `has_new` is false when the step declares no new implementation: then
// legacy serves whatever the route (a route to a missing new side is refused earlier, by
// `cutover route`). Pure: same inputs, same plan.
ExecutionPlan PlanExecution(const Route& route, bool has_new, std::string_view step,
                            std::string_view sample);

}  // namespace cutover
