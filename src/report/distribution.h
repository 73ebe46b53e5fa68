// A distribution of measurements (run times, peak memory) summarised for reports: count,
// extremes and quantiles, so that legacy and new are compared by more than their means.
#pragma once

#include <cstdint>
#include <vector>

namespace cutover {

struct Distribution {
  int64_t n = 0;
  double min = 0, p10 = 0, p25 = 0, median = 0, p75 = 0, p90 = 0, max = 0;
  bool empty() const { return n == 0; }
};

// Quantiles by linear interpolation between the closest ranks (R's type 7, numpy's default).
Distribution Summarize(std::vector<int64_t> values);

// median(a) / median(b): how many times faster (or smaller) b is than a; 0 when either is
// empty or b's median is 0.
double MedianRatio(const Distribution& a, const Distribution& b);

}  // namespace cutover
