// `cutover promote`: moving a step one stage along (legacy -> shadow -> canary ... -> new) when
// its gate holds. Overriding the gate (force) needs a reason, and is recorded as forced with
// the gate's evaluation and policy as evidence.
#pragma once

#include <cstdint>
#include <string>

#include "evidence/gate.h"
#include "evidence/gate_policy.h"
#include "ledger/ledger.h"
#include "pipeline/pipeline.h"
#include "util/status.h"

namespace cutover {

struct PromotionRequest {
  bool force = false;    // promote even though the gate does not hold (needs a reason)
  bool dry_run = false;  // decide only; change nothing
  std::string reason;    // recorded with the change (appended to the gate's verdict)
  std::string user;
  int64_t now_ms = 0;
};

enum class PromotionOutcome {
  kPromoted,      // the route changed (change.forced says whether the gate was overridden)
  kWouldPromote,  // dry run: the gate holds (or is not needed, or would be forced)
  kNotReady,      // the gate does not hold and force was not asked: nothing changed
};

struct Promotion {
  PromotionOutcome outcome = PromotionOutcome::kNotReady;
  StepGate gate;
  Route from;           // the route the decision was made on
  Route to;             // the next stage
  bool gated = false;   // from -> to needs the gate (every move but legacy -> shadow)
  // "12 comparisons on 5 samples over 8.0 days, 0 unexplained", or "no gate from legacy to
  // shadow".
  std::string evidence;
  RouteChange change;   // kPromoted: as recorded (reason, forced, evidence JSON, from)
};

// Decides, and unless dry_run or not ready, records the promotion of `step` under `policy`
// (its StepRules). Errors: kInvalidArgument when the step has no `new:` implementation or a
// forced promotion has no reason; kFailed when there is no next stage (already new or
// retired); kBusy when the route changed between the decision and the change; ledger errors.
Result<Promotion> Promote(Ledger& ledger, const Step& step, const GatePolicy& policy,
                          const PromotionRequest& request);

}  // namespace cutover
