// Changing a step's route: the one way `cutover route`, `rollback`, `promote` and the automatic
// rollback of a failing new side all go through. A change is checked against the step, then
// recorded atomically by the ledger with who, when and why (and, for a promotion, the gate's
// evidence); a task already running keeps the route it read at its start.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "ledger/ledger.h"
#include "ledger/records.h"
#include "pipeline/pipeline.h"
#include "util/status.h"

namespace cutover {

// Records `change` for `step` (change.step is set from it) and returns it as applied, with
// the route it replaced in `from`. kInvalidArgument when the step has no `new:` implementation
// and the change routes it anywhere but legacy, or when the change gives no reason; kBusy
// when change.expect_from is set and the route is no longer that (the ledger's check).
Result<RouteChange> ChangeStepRoute(Ledger& ledger, const Step& step, RouteChange change);

// The share of samples a route lets the new side serve: 0 on legacy and in shadow, N in canary
// N, 100 on new and retired.
int NewShare(const Route& route);
// Whether a manual move lets the new side serve more than now (shadow -> canary, canary 10 ->
// 50, legacy -> new, ...). `cutover route` makes such a move only when the gate of the current
// stage holds, or with --force and a reason (then marked forced, like `promote --force`).
bool MovesForward(const Route& from, const Route& to);

// The automatic rollback: when `step` is served by its new side (canary or new) and its
// consecutive new-side failures reached step.max_consecutive_failures, routes it back to
// legacy as user "cutover" with the reason (route/auto_rollback.h). Returns the change made,
// or nullopt when none was due.
Result<std::optional<RouteChange>> RollBackIfFailing(Ledger& ledger, const Step& step,
                                                     const std::string& sample,
                                                     const std::string& why, int64_t now_ms);

}  // namespace cutover
