// The report's concordance charts: each concordance metric of an output (the `bam` and `vcf`
// comparators' figures, stored per comparison) drawn over time, one line per metric, each
// threshold as a band, so that "recall has been at least 99.7 % on every sample for three weeks"
// can be pointed at. Pure: from the read model (migration_report.h) to SVG and summaries.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "report/migration_report.h"

namespace cutover {

// How one limited metric fared over the period's comparisons of an output.
struct LimitSummary {
  MetricLimit limit;
  int64_t measured = 0;  // comparisons that measured the metric (not null)
  int64_t missed = 0;    // of those, beyond the threshold
  double worst = 0;      // the lowest value (min limits) or the highest (max limits)
  int64_t worst_comparison = 0;
  std::string worst_sample;
};
LimitSummary SummarizeLimit(const OutputConcordance& output, const MetricLimit& limit);

// At most this many points per line; more comparisons are drawn as time buckets (the median as
// the point, the lowest and highest as its whisker).
inline constexpr size_t kMaxMetricPoints = 150;

// One output's charts: every fraction metric measured in the period on one chart (0 to 1, one
// line per metric, the thresholds as bands), then one chart per limited metric with its axis
// zoomed to its values and threshold. `weeks` label the time axis, which runs from `from_ms`
// to `to_ms`.
std::vector<std::string> ConcordanceCharts(const std::string& step, const OutputConcordance& output,
                                           int64_t from_ms, int64_t to_ms,
                                           const std::vector<int64_t>& weeks);

// "≥ 0.98" / "≤ 0.002" with as many decimals as the bound needs.
std::string LimitText(const MetricLimit& limit);

}  // namespace cutover
