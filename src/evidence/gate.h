// Promotion gates: whether the evidence gathered for a step is enough to move it one stage
// along (shadow -> canary -> new), and if not, exactly what is missing.
//
// The evidence window: shadowing begins at the latest route change that moved the step off
// legacy (or off retired); `min_days` counts from there, so a rollback to legacy restarts the
// clock. Comparison counts, samples, the mismatch rate and the clean tail are counted over the
// current stage only (since the latest route change), so every stage proves itself: a step
// promoted to canary needs fresh evidence before it goes to new.
//
// One unit of evidence is one compared execution (a task): it agrees when all its outputs
// match (or are noise), is explained when its only disagreements were accepted
// (`cutover accept`), and is unexplained when an output mismatched or could not be compared
// and nobody accepted it, or when the new side failed.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "evidence/gate_policy.h"
#include "ledger/ledger.h"
#include "ledger/records.h"
#include "route/route.h"
#include "util/status.h"

namespace cutover {

// Where a step stands in its migration, from its route history.
struct EvidenceWindow {
  Route route;                  // the current route
  int64_t shadow_began_ms = 0;  // 0 when the step is on legacy (no window)
  int64_t stage_began_ms = 0;   // the latest route change
};
// `history` oldest first (Ledger::History).
EvidenceWindow FindWindow(const std::vector<RouteChange>& history);

struct GateEvaluation {
  bool applies = false;  // false on legacy (nothing to gate) and on new/retired (done)
  bool ready = false;
  int64_t comparisons = 0;  // compared executions in the stage
  int64_t samples = 0;      // distinct samples among them
  double days = 0;          // since shadowing began
  int64_t agreeing = 0;
  int64_t explained = 0;
  int64_t unexplained = 0;  // mismatch/error not accepted, or new side failed
  double mismatch_rate = 0;  // unexplained / comparisons (0 when none)
  int64_t unexplained_in_last = 0;  // among the last clean_last
  int64_t last_unexplained_task = 0;
  // How much more of each count the policy needs (0: enough).
  int64_t need_comparisons = 0;
  int64_t need_samples = 0;
  double need_days = 0;
  // Per min_metric of the policy: the lowest value over the stage, and its task (none when no
  // comparison of the stage measured it).
  struct MetricLow {
    double value = 0;
    int64_t task = 0;
  };
  std::map<std::string, MetricLow> metric_lows;
  // What is missing, in words: "9 of 10 comparisons (need 1 more)", "4 of 14 days (need 10
  // more)", "mismatch rate 12.5% > 5%", "1 unexplained mismatch in the last 10".
  std::vector<std::string> missing;
  // Comparisons of the stage made before the latest drift of either side (an implementation
  // changed: run/implementation_drift.h), or judged with an earlier `compare:`, no longer
  // count, and why: "6 comparisons made before legacy changed at 2026-12-04T10:00:00Z (file
  // x.py (was ..))"; "3 comparisons judged with an earlier compare: no longer count: ...".
  int64_t no_longer_counting = 0;
  std::string no_longer_counting_reason;

  // "ready" or the missing items joined with ", ".
  std::string Summary() const;
  nlohmann::json ToJson() const;
};

// `stage_evidence`: Ledger::EvidenceSince(step, window.stage_began_ms), oldest first.
GateEvaluation EvaluateGate(const GatePolicy& policy, const EvidenceWindow& window,
                            const std::vector<TaskEvidence>& stage_evidence, int64_t now_ms);

// The route `cutover promote` moves to: legacy -> shadow -> canary (each of
// policy.canary_steps, in order, starting with the first above the current percentage) -> new.
// kFailed with a message for new ("already on new; `cutover route STEP retired` stops running
// legacy as a fallback") and retired.
Result<Route> NextStage(const Route& current, const GatePolicy& policy);

// The gate of `step` now under `policy` (its StepRules, step_rules.h): the window (from the
// route history) and the stage evidence, read from `ledger`.
struct StepGate {
  GatePolicy policy;
  EvidenceWindow window;
  GateEvaluation evaluation;
};
// `compare_digest`: the digest of the step's `compare:` in force (CompareConfigOf), "" when
// not known; one that differs from the ledger's current one means every comparison so far was
// judged with other rules.
Result<StepGate> EvaluateStepGate(LedgerReader& ledger, const std::string& step,
                                  const GatePolicy& policy, int64_t now_ms,
                                  std::string_view compare_digest = {});

// Whether moving from `current` to `next` needs the gate: every move except legacy -> shadow.
bool NeedsGate(const Route& current);

}  // namespace cutover
