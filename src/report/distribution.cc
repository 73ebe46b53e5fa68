#include "report/distribution.h"

#include <algorithm>
#include <cmath>

namespace cutover {
namespace {

double Quantile(const std::vector<int64_t>& sorted, double q) {
  const double pos = q * static_cast<double>(sorted.size() - 1);
  const size_t lo = static_cast<size_t>(std::floor(pos));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  const double frac = pos - static_cast<double>(lo);
  return static_cast<double>(sorted[lo]) +
         frac * static_cast<double>(sorted[hi] - sorted[lo]);
}

}  // namespace

Distribution Summarize(std::vector<int64_t> values) {
  Distribution d;
  if (values.empty()) return d;
  std::sort(values.begin(), values.end());
  d.n = static_cast<int64_t>(values.size());
  d.min = static_cast<double>(values.front());
  d.max = static_cast<double>(values.back());
  d.p10 = Quantile(values, 0.10);
  d.p25 = Quantile(values, 0.25);
  d.median = Quantile(values, 0.50);
  d.p75 = Quantile(values, 0.75);
  d.p90 = Quantile(values, 0.90);
  return d;
}

double MedianRatio(const Distribution& a, const Distribution& b) {
  if (a.empty() || b.empty() || b.median <= 0) return 0;
  return a.median / b.median;
}

}  // namespace cutover
