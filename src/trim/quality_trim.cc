#include "trim/quality_trim.h"

namespace cutover::trim {

TrimRange QualityTrimIndex(std::string_view qualities, int cutoff_front, int cutoff_back,
                           int base) {
  const int n = static_cast<int>(qualities.size());
  // Qualities are read as signed chars, as cutadapt does.
  auto q = [&](int i) { return static_cast<int>(static_cast<signed char>(qualities[i])) - base; };
  int start = 0;
  int stop = n;
  int sum = 0;
  int best = 0;
  for (int i = 0; i < n; ++i) {
    sum += cutoff_front - q(i);
    if (sum < 0) break;
    if (sum > best) {
      best = sum;
      start = i + 1;
    }
  }
  sum = 0;
  best = 0;
  for (int i = n - 1; i >= 0; --i) {
    sum += cutoff_back - q(i);
    if (sum < 0) break;
    if (sum > best) {
      best = sum;
      stop = i;
    }
  }
  if (start >= stop) return TrimRange{0, 0};
  return TrimRange{start, stop};
}

int NextseqTrimIndex(std::string_view sequence, std::string_view qualities, int cutoff, int base) {
  const int n = static_cast<int>(qualities.size());
  int sum = 0;
  int best = 0;
  int stop = n;
  for (int i = n - 1; i >= 0; --i) {
    int q = static_cast<int>(static_cast<signed char>(qualities[i])) - base;
    if (sequence[i] == 'G') q = cutoff - 1;
    sum += cutoff - q;
    if (sum < 0) break;
    if (sum > best) {
      best = sum;
      stop = i;
    }
  }
  return stop;
}

}  // namespace cutover::trim
