// Thresholds on a comparison's concordance metrics (`min_same_placement: 0.995`,
// `max_only_legacy: 0.001`): the verdict of comparators whose outputs are judged by figures
// (`bam`, `vcf`) rather than by identity. Parsed once from the comparator's options.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "util/status.h"

namespace cutover {

// A threshold a comparator offers: option `min_<metric>` or `max_<metric>`.
struct MetricBound {
  std::string_view metric;  // a key of Comparison::metrics
  bool is_min = true;       // min_: the metric must be >= the bound; max_: <=
};

struct MetricThreshold {
  std::string metric;
  bool is_min = true;
  double bound = 0;
  std::string option() const { return (is_min ? "min_" : "max_") + metric; }
};

// The option names of `offered` ("min_same_placement", ...), for CheckOptionNames' list.
std::vector<std::string> ThresholdOptionNames(std::span<const MetricBound> offered);

// Reads the thresholds given among `offered`: each a number in [0, 1] (a fraction).
Result<std::vector<MetricThreshold>> ParseMetricThresholds(
    std::string_view kind, const nlohmann::json& options,
    std::span<const MetricBound> offered);

// The thresholds `metrics` fails, as "same_placement 0.9900 < 0.995"; a metric missing from
// `metrics` (nothing to measure it on) passes.
std::vector<std::string> FailedThresholds(const std::vector<MetricThreshold>& thresholds,
                                          const nlohmann::json& metrics);

}  // namespace cutover
