// What `cutover report` shows, gathered from the ledger in a handful of aggregate queries (so a
// ledger of a million executions reports in about a second): per week and step, the routes, the
// work served by each side, comparisons by outcome, failures, fallbacks; per step, the gate,
// run-time and memory distributions of both sides, recent failures and unexplained
// mismatches, and each output's concordance figures per comparison with their thresholds. Rendered by html_page.h and sprint_summary.h.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "evidence/gate.h"
#include "evidence/step_rules.h"
#include "ledger/ledger.h"
#include "ledger/records.h"
#include "pipeline/pipeline.h"
#include "report/distribution.h"
#include "util/status.h"

namespace cutover {

// A threshold on one concordance metric, from an output's comparator options
// (`compare: {min_recall: 0.99}`) and/or the step's gate (`policy: {min_metric: {recall: 0.99}}`).
struct MetricLimit {
  std::string metric;
  bool is_min = true;  // the metric must be >= bound; else <=
  double bound = 0;
  std::vector<std::string> sources;  // "compare: min_recall", "gate: min_metric"
};

// One output's concordance figures in the period (comparators judged by them: `bam`, `vcf`).
struct OutputConcordance {
  std::string output;
  std::string comparator;
  std::vector<std::string> fraction_metrics;  // the comparator's metrics that are fractions
  std::vector<MetricLimit> limits;            // by metric name
  std::vector<MetricRecord> comparisons;      // in the period, oldest first
};

// The limits of an output: its comparator's thresholds and the gate's min_metric entries for
// the metrics the output measures (`measured`), one per (metric, direction, bound).
std::vector<MetricLimit> MetricLimits(const std::vector<MetricThreshold>& thresholds,
                                      const std::map<std::string, double>& gate_min_metric,
                                      const std::vector<std::string>& measured);

struct StepReport {
  std::string name;
  bool has_new = false;  // a `new:` implementation is configured
  Route route;
  std::vector<RouteChange> history;  // all time, oldest first
  // One entry per MigrationReport::weeks (zero counts where nothing happened).
  std::vector<WeeklyActivity> weeks;
  WeeklyActivity period;  // the sum of `weeks`
  StepGate gate;
  // The most recent successful pipeline-run executions of each side (at most kResourceSample),
  // whatever the period: a step cut over long ago still shows what it gained.
  Distribution wall_legacy, wall_new, rss_legacy, rss_new;
  std::vector<ExecutionRecord> failures;     // in the period, newest first, at most kRecent
  std::vector<ComparisonRecord> mismatches;  // unaccepted mismatches/errors, idem
  std::vector<ComparisonRecord> accepted;    // accepted mismatches/errors, with their reasons, idem
  // Changes of a side's implementation or of the step's `compare:` (drift) in the period, oldest
  // first; a first identity is not a change.
  std::vector<ImplementationChange> drifts;
  std::vector<RouteChange> changes;          // route changes in the period, oldest first
  std::vector<OutputConcordance> concordance;  // outputs with figures in the period, in order
  int64_t automatic_rollbacks = 0;           // among `changes`
  int64_t manual_rollbacks = 0;              // among `changes`: IsRollback, by a user

  // Ratio of median run times, legacy / new (0 when either side has no run).
  double SpeedUp() const;
};

struct MigrationReport {
  std::string pipeline_file;
  int64_t now_ms = 0;
  int64_t since_ms = 0;            // the period starts here
  std::vector<int64_t> weeks;      // Monday 00:00 UTC of each week shown, oldest first
  std::vector<StepReport> steps;   // in pipeline order
  // Published tasks in the period by the side that served, over all steps.
  int64_t served_legacy = 0, served_new = 0;
};

inline constexpr int kResourceSample = 2000;
inline constexpr int kRecent = 10;

// `since_ms` = 0: the period starts at the first recorded activity or route change. `rules`
// were built from `pipeline` (each step's gate policy).
Result<MigrationReport> BuildMigrationReport(LedgerReader& ledger, const Pipeline& pipeline,
                                             const PipelineRules& rules, int64_t now_ms,
                                             int64_t since_ms);

// Whether a route change takes the new side back: it serves fewer samples after than before
// (canary 50 -> 10, new -> legacy), or validation stops (shadow -> legacy).
bool IsRollback(const RouteChange& change);

// "2026-11-23" for the week starting at `week_ms`.
std::string WeekLabel(int64_t week_ms);

}  // namespace cutover
