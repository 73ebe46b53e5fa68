#include "evidence/gate_policy.h"

#include <fmt/format.h>

#include <algorithm>

namespace cutover {
namespace {

std::string Show(const nlohmann::json& v) {
  return v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status Bad(const std::string& key, std::string_view what, const nlohmann::json& v) {
  return Status::InvalidArgument(fmt::format("policy: {} must be {}, got {}", key, what, Show(v)));
}

Status ReadInt(const nlohmann::json& v, const std::string& key, int64_t min, int64_t* out) {
  if (!v.is_number_integer() || v.get<int64_t>() < min) {
    return Bad(key, fmt::format("a whole number >= {}", min), v);
  }
  *out = v.get<int64_t>();
  return Status::Ok();
}

Status ReadNumber(const nlohmann::json& v, const std::string& key, double min, double max,
                  double* out) {
  if (!v.is_number() || v.get<double>() < min || v.get<double>() > max) {
    return Bad(key, fmt::format("a number from {} to {}", min, max), v);
  }
  *out = v.get<double>();
  return Status::Ok();
}

}  // namespace

Result<GatePolicy> ParseGatePolicy(const nlohmann::json& policy) {
  GatePolicy p;
  if (policy.is_null()) return p;
  if (!policy.is_object()) {
    return Status::InvalidArgument("policy: expected a mapping, got " + Show(policy));
  }
  for (const auto& [key, v] : policy.items()) {
    if (key == "min_comparisons") {
      CUTOVER_RETURN_IF_ERROR(ReadInt(v, key, 0, &p.min_comparisons));
    } else if (key == "min_samples") {
      CUTOVER_RETURN_IF_ERROR(ReadInt(v, key, 0, &p.min_samples));
    } else if (key == "min_days") {
      CUTOVER_RETURN_IF_ERROR(ReadNumber(v, key, 0, 3650, &p.min_days));
    } else if (key == "max_mismatch_rate") {
      CUTOVER_RETURN_IF_ERROR(ReadNumber(v, key, 0, 1, &p.max_mismatch_rate));
    } else if (key == "clean_last") {
      CUTOVER_RETURN_IF_ERROR(ReadInt(v, key, 0, &p.clean_last));
    } else if (key == "canary_steps") {
      std::vector<int> steps;
      if (!v.is_array()) return Bad(key, "a list of increasing percentages (1-99)", v);
      for (const nlohmann::json& item : v) {
        if (!item.is_number_integer() || item.get<int>() < 1 || item.get<int>() > 99 ||
            (!steps.empty() && item.get<int>() <= steps.back())) {
          return Bad(key, "a list of increasing percentages (1-99)", v);
        }
        steps.push_back(item.get<int>());
      }
      p.canary_steps = std::move(steps);
    } else if (key == "min_metric") {
      if (!v.is_object()) return Bad(key, "a mapping METRIC: number (same_placement: 0.995)", v);
      for (const auto& [metric, bound] : v.items()) {
        double b = 0;
        CUTOVER_RETURN_IF_ERROR(ReadNumber(bound, key + "." + metric, -1e18, 1e18, &b));
        p.min_metric[metric] = b;
      }
    } else {
      return Status::InvalidArgument(fmt::format(
          "policy: unknown key '{}' (known: min_comparisons, min_samples, min_days, "
          "max_mismatch_rate, clean_last, canary_steps, min_metric)",
          key));
    }
  }
  return p;
}

nlohmann::json ToJson(const GatePolicy& p) {
  return {{"min_comparisons", p.min_comparisons}, {"min_samples", p.min_samples},
          {"min_days", p.min_days},               {"max_mismatch_rate", p.max_mismatch_rate},
          {"clean_last", p.clean_last},           {"canary_steps", p.canary_steps},
          {"min_metric", p.min_metric}};
}

}  // namespace cutover
