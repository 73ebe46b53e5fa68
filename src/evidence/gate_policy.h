// A step's `policy:`: the evidence needed before `cutover promote` moves it along.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/status.h"

namespace cutover {

struct GatePolicy {
  int64_t min_comparisons = 20;    // compared executions in the current stage
  int64_t min_samples = 5;         // distinct samples among them
  double min_days = 7;             // since shadowing began (the last move off legacy)
  double max_mismatch_rate = 0.0;  // unexplained / compared, in the current stage
  int64_t clean_last = 10;         // none of the last N compared executions unexplained
  std::vector<int> canary_steps = {10, 50};  // percentages promote walks through before new
  // Concordance metrics every compared execution of the stage must reach (the lowest value
  // over its comparisons counts): {same_placement: 0.995, recall: 0.99}. Metrics are those
  // the comparators record (`bam`, `vcf`: docs/comparators.md).
  std::map<std::string, double> min_metric;
};

// Reads the keys above from a step's `policy:` mapping (null or {} gives the defaults).
// Unknown keys, wrong types and out-of-range values are kInvalidArgument naming the key:
// "policy: min_days must be a number >= 0, got "x"".
Result<GatePolicy> ParseGatePolicy(const nlohmann::json& policy);

// The policy as JSON, every key present (for `cutover status --json` and the ledger).
nlohmann::json ToJson(const GatePolicy& policy);

}  // namespace cutover
