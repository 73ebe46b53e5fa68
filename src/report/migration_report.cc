#include "report/migration_report.h"

#include <algorithm>
#include <map>

#include "evidence/compare_config.h"
#include "evidence/route_change.h"
#include "util/clock.h"

namespace cutover {
namespace {

void Add(WeeklyActivity& sum, const WeeklyActivity& a) {
  sum.tasks += a.tasks;
  sum.tasks_failed += a.tasks_failed;
  sum.served_legacy += a.served_legacy;
  sum.served_new += a.served_new;
  sum.fallbacks += a.fallbacks;
  sum.failures_legacy += a.failures_legacy;
  sum.failures_new += a.failures_new;
  sum.comparisons_match += a.comparisons_match;
  sum.comparisons_mismatch += a.comparisons_mismatch;
  sum.comparisons_noise += a.comparisons_noise;
  sum.comparisons_error += a.comparisons_error;
  sum.comparisons_accepted += a.comparisons_accepted;
  sum.comparisons_accepted_error += a.comparisons_accepted_error;
}

Result<Distribution> Measure(LedgerReader& ledger, const std::string& step, Side side, bool memory) {
  ExecutionQuery q;
  q.step = step;
  q.side = side;
  q.which = ExecutionQuery::Which::kSucceeded;
  q.limit = kResourceSample;
  CUTOVER_ASSIGN_OR_RETURN(std::vector<ExecutionRecord> runs, ledger.ListExecutions(q));
  std::vector<int64_t> values;
  values.reserve(runs.size());
  for (const ExecutionRecord& e : runs) values.push_back(memory ? e.max_rss_kb : e.wall_ms);
  return Summarize(std::move(values));
}

// The period's figures of each output of the step, with the thresholds that apply to them.
Result<std::vector<OutputConcordance>> Concordance(LedgerReader& ledger, const Step& step,
                                                   const StepRules& rules, int64_t since_ms,
                                                   int64_t now_ms) {
  std::vector<OutputConcordance> out;
  CUTOVER_ASSIGN_OR_RETURN(std::vector<MetricRecord> figures,
                           ledger.MetricsSince(step.name, since_ms));
  if (figures.empty()) return out;
  for (const OutputSpec& spec : step.outputs) {
    OutputConcordance c;
    c.output = spec.name;
    for (MetricRecord& m : figures) {
      if (m.output == spec.name && m.at_ms <= now_ms) c.comparisons.push_back(std::move(m));
    }
    if (c.comparisons.empty()) continue;
    const Comparator& comparator = rules.ComparatorOf(spec.name);
    c.comparator = comparator.kind();
    c.fraction_metrics = comparator.fraction_metrics();
    std::vector<std::string> measured = c.fraction_metrics;
    for (const MetricRecord& m : c.comparisons) {
      for (const auto& [name, value] : m.metrics.items()) {
        if (std::find(measured.begin(), measured.end(), name) == measured.end()) {
          measured.push_back(name);
        }
      }
    }
    c.limits = MetricLimits(comparator.thresholds(), rules.policy.min_metric, measured);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::vector<MetricLimit> MetricLimits(const std::vector<MetricThreshold>& thresholds,
                                      const std::map<std::string, double>& gate_min_metric,
                                      const std::vector<std::string>& measured) {
  std::vector<MetricLimit> limits;
  auto add = [&](const std::string& metric, bool is_min, double bound, std::string source) {
    for (MetricLimit& l : limits) {
      if (l.metric == metric && l.is_min == is_min && l.bound == bound) {
        l.sources.push_back(std::move(source));
        return;
      }
    }
    limits.push_back({metric, is_min, bound, {std::move(source)}});
  };
  for (const MetricThreshold& t : thresholds) add(t.metric, t.is_min, t.bound, "compare: " + t.option());
  for (const auto& [metric, bound] : gate_min_metric) {
    if (std::find(measured.begin(), measured.end(), metric) != measured.end()) {
      add(metric, true, bound, "gate: min_metric");
    }
  }
  std::stable_sort(limits.begin(), limits.end(),
                   [](const MetricLimit& a, const MetricLimit& b) { return a.metric < b.metric; });
  return limits;
}

double StepReport::SpeedUp() const { return MedianRatio(wall_legacy, wall_new); }

bool IsRollback(const RouteChange& change) {
  return NewShare(change.to) < NewShare(change.from) ||
         (change.to.mode == RouteMode::kLegacy && change.from.mode != RouteMode::kLegacy);
}

std::string WeekLabel(int64_t week_ms) { return FormatUtc(week_ms).substr(0, 10); }

Result<MigrationReport> BuildMigrationReport(LedgerReader& ledger, const Pipeline& pipeline,
                                             const PipelineRules& rules,
                                             int64_t now_ms, int64_t since_ms) {
  MigrationReport report;
  report.pipeline_file = pipeline.file.string();
  report.now_ms = now_ms;

  CUTOVER_ASSIGN_OR_RETURN(auto routes, ledger.GetRoutes());
  CUTOVER_ASSIGN_OR_RETURN(std::vector<RouteChange> history, ledger.History(""));
  CUTOVER_ASSIGN_OR_RETURN(std::vector<WeeklyActivity> activity, ledger.Activity(since_ms));

  // The weeks shown: from the period's start (or the first thing recorded) to this week.
  int64_t first = WeekStartMs(now_ms);
  if (since_ms > 0) {
    first = WeekStartMs(since_ms);
  } else {
    for (const WeeklyActivity& a : activity) first = std::min(first, a.week_ms);
    for (const RouteChange& c : history) first = std::min(first, WeekStartMs(c.at_ms));
  }
  report.since_ms = since_ms > 0 ? since_ms : first;
  for (int64_t w = first; w <= WeekStartMs(now_ms); w += kWeekMs) report.weeks.push_back(w);
  std::map<int64_t, size_t> week_index;
  for (size_t i = 0; i < report.weeks.size(); ++i) week_index[report.weeks[i]] = i;

  for (const Step& step : pipeline.steps) {
    StepReport s;
    s.name = step.name;
    s.has_new = step.new_impl.has_value();
    if (auto it = routes.find(step.name); it != routes.end()) s.route = it->second;
    for (const RouteChange& c : history) {
      if (c.step != step.name) continue;
      s.history.push_back(c);
      if (c.at_ms >= report.since_ms && c.at_ms <= now_ms) {
        s.changes.push_back(c);
        if (c.automatic && c.to.mode == RouteMode::kLegacy) ++s.automatic_rollbacks;
        if (!c.automatic && IsRollback(c)) ++s.manual_rollbacks;
      }
    }
    s.weeks.resize(report.weeks.size());
    for (size_t i = 0; i < report.weeks.size(); ++i) {
      s.weeks[i].step = step.name;
      s.weeks[i].week_ms = report.weeks[i];
    }
    s.period.step = step.name;
    for (const WeeklyActivity& a : activity) {
      if (a.step != step.name) continue;
      auto it = week_index.find(a.week_ms);
      if (it == week_index.end()) continue;  // recorded "in the future" of the clock
      s.weeks[it->second] = a;
      Add(s.period, a);
    }
    report.served_legacy += s.period.served_legacy;
    report.served_new += s.period.served_new;

    CUTOVER_ASSIGN_OR_RETURN(
        s.gate, EvaluateStepGate(ledger, step.name, rules.Of(step.name).policy, now_ms,
                                  CompareConfigOf(step).digest));
    CUTOVER_ASSIGN_OR_RETURN(s.wall_legacy, Measure(ledger, step.name, Side::kLegacy, false));
    CUTOVER_ASSIGN_OR_RETURN(s.wall_new, Measure(ledger, step.name, Side::kNew, false));
    CUTOVER_ASSIGN_OR_RETURN(s.rss_legacy, Measure(ledger, step.name, Side::kLegacy, true));
    CUTOVER_ASSIGN_OR_RETURN(s.rss_new, Measure(ledger, step.name, Side::kNew, true));

    ExecutionQuery failed;
    failed.step = step.name;
    failed.which = ExecutionQuery::Which::kFailed;
    failed.since_ms = report.since_ms;
    failed.limit = kRecent;
    CUTOVER_ASSIGN_OR_RETURN(s.failures, ledger.ListExecutions(failed));

    CUTOVER_ASSIGN_OR_RETURN(s.concordance,
                             Concordance(ledger, step, rules.Of(step.name), report.since_ms, now_ms));

    ComparisonQuery disagreed;
    disagreed.step = step.name;
    disagreed.outcomes = {Outcome::kMismatch, Outcome::kError};
    disagreed.include_accepted = false;
    disagreed.include_replays = false;
    disagreed.limit = kRecent;
    CUTOVER_ASSIGN_OR_RETURN(std::vector<ComparisonRecord> recent,
                             ledger.ListComparisons(disagreed));
    for (ComparisonRecord& c : recent) {
      if (c.at_ms >= report.since_ms) s.mismatches.push_back(std::move(c));
    }
    ComparisonQuery explained = disagreed;
    explained.include_accepted = true;
    explained.only_accepted = true;
    CUTOVER_ASSIGN_OR_RETURN(std::vector<ComparisonRecord> accepted,
                             ledger.ListComparisons(explained));
    for (ComparisonRecord& c : accepted) {
      if (c.at_ms >= report.since_ms) s.accepted.push_back(std::move(c));
    }
    CUTOVER_ASSIGN_OR_RETURN(std::vector<ImplementationChange> changes,
                             ledger.ImplementationChanges(step.name));
    for (ImplementationChange& c : changes) {
      if (!c.from_digest.empty() && c.at_ms >= report.since_ms && c.at_ms <= now_ms) {
        s.drifts.push_back(std::move(c));
      }
    }
    report.steps.push_back(std::move(s));
  }
  return report;
}

}  // namespace cutover
