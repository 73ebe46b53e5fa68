#include "compare/metric_thresholds.h"

#include <fmt/format.h>

namespace cutover {

std::vector<std::string> ThresholdOptionNames(std::span<const MetricBound> offered) {
  std::vector<std::string> names;
  for (const MetricBound& m : offered) {
    names.push_back(fmt::format("{}_{}", m.is_min ? "min" : "max", m.metric));
  }
  return names;
}

Result<std::vector<MetricThreshold>> ParseMetricThresholds(
    std::string_view kind, const nlohmann::json& options,
    std::span<const MetricBound> offered) {
  std::vector<MetricThreshold> out;
  if (!options.is_object()) return out;
  for (const MetricBound& m : offered) {
    MetricThreshold t{std::string(m.metric), m.is_min, 0};
    auto it = options.find(t.option());
    if (it == options.end() || it->is_null()) continue;
    double value = -1;
    if (it->is_number()) {
      value = it->get<double>();
    } else if (it->is_string()) {
      try {
        size_t used = 0;
        value = std::stod(it->get<std::string>(), &used);
        if (used != it->get_ref<const std::string&>().size()) value = -1;
      } catch (const std::exception&) {
        value = -1;
      }
    }
    if (!(value >= 0 && value <= 1)) {
      return Status::InvalidArgument(fmt::format(
          "comparator '{}': option '{}' must be a fraction from 0 to 1, got {}", kind,
          t.option(), it->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)));
    }
    t.bound = value;
    out.push_back(std::move(t));
  }
  return out;
}

std::vector<std::string> FailedThresholds(const std::vector<MetricThreshold>& thresholds,
                                          const nlohmann::json& metrics) {
  std::vector<std::string> failed;
  for (const MetricThreshold& t : thresholds) {
    auto it = metrics.find(t.metric);
    if (it == metrics.end() || !it->is_number()) continue;
    const double v = it->get<double>();
    if (t.is_min ? v < t.bound : v > t.bound) {
      failed.push_back(fmt::format("{} {:.4f} {} {}", t.metric, v, t.is_min ? "<" : ">", t.bound));
    }
  }
  return failed;
}

}  // namespace cutover
