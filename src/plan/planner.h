// `cutover plan`: which step still on legacy is the smallest, safest piece to migrate next.
//
// Each candidate gets an ease score from 0 to 100 (higher: migrate sooner), a weighted sum of
// what cutover knows about it, each part explained in words:
//   consumers   25  how many steps depend on it, directly or not (a leaf spreads no mismatch)
//   size        20  lines of the legacy scripts or notebooks it runs (less to rewrite)
//   determinism 15  whether `cutover calibrate` found legacy repeatable (comparable evidence)
//   failures    15  how often legacy failed (a flaky step makes noisy evidence)
//   churn       10  how often its outputs changed between runs of the same sample
//   runtime     10  median legacy run time (quick to shadow, quick to re-run)
//   memory       5  median legacy peak memory
// plus 5 when a `new:` implementation is already configured (it can go on shadow today).
// Unknown facts (never run, never calibrated) score in the middle and say so.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ledger/ledger.h"
#include "pipeline/dag.h"
#include "pipeline/pipeline.h"
#include "plan/implementation_size.h"
#include "report/distribution.h"
#include "util/status.h"

namespace cutover {

// What is known about one step.
struct PlanFacts {
  std::string step;
  Route route;
  bool has_new = false;
  std::vector<std::string> direct_consumers;  // steps that read its outputs
  std::vector<std::string> all_consumers;     // ... directly or through other steps
  std::optional<CalibrationRecord> calibration;  // the latest
  int64_t legacy_runs = 0;      // finished legacy executions (pipeline runs)
  int64_t legacy_failures = 0;  // of which CountsAsFailure
  Distribution wall_ms, rss_kb;  // successful legacy runs (the most recent ones)
  ImplementationSize size;
  // Successive successful legacy runs of the same sample given the same inputs (digests) and
  // implementation (identity digest), and those whose outputs differed all the same.
  int64_t output_pairs = 0;
  int64_t output_changes = 0;
};

struct PlanEntry {
  PlanFacts facts;
  double score = 0;  // 0..100
  std::vector<std::string> reasons;  // one sentence per factor, most telling first
};

struct Plan {
  std::vector<PlanEntry> ranked;          // steps on legacy, best first
  std::vector<PlanFacts> in_progress;     // shadow or canary
  std::vector<PlanFacts> done;            // new or retired
};

// Reads the facts of every step from the pipeline, its DAG and the ledger.
Result<std::vector<PlanFacts>> GatherPlanFacts(LedgerReader& ledger, const Pipeline& pipeline,
                                               const Dag& dag);

// Scores and orders (ties: fewer consumers, then pipeline order).
Plan MakePlan(std::vector<PlanFacts> facts);

std::string RenderPlan(const Plan& plan);
nlohmann::json PlanToJson(const Plan& plan);

}  // namespace cutover
