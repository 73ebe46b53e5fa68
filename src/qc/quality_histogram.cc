#include "qc/quality_histogram.h"

namespace cutover {

void QualityHistogram::Merge(const QualityHistogram& other) {
  for (int i = 0; i < kChars; ++i) counts_[i] += other.counts_[i];
  total_ += other.total_;
}

void QualityHistogram::RecomputeTotal() {
  total_ = 0;
  for (uint64_t c : counts_) total_ += c;
}

int QualityHistogram::min_char() const {
  for (int i = 0; i < kChars; ++i) {
    if (counts_[i] > 0) return i;
  }
  return 1000;
}

int QualityHistogram::max_char() const {
  for (int i = kChars - 1; i >= 0; --i) {
    if (counts_[i] > 0) return i;
  }
  return 1000;
}

double QualityHistogram::Mean(int offset) const {
  int64_t total = 0;
  int64_t count = 0;
  for (int i = offset; i < kChars; ++i) {
    total += static_cast<int64_t>(counts_[i]) * (i - offset);
    count += static_cast<int64_t>(counts_[i]);
  }
  return static_cast<double>(total) / static_cast<double>(count);
}

double QualityHistogram::Percentile(int offset, int percentile) const {
  int64_t target = static_cast<int64_t>(total_) * percentile / 100;
  int64_t count = 0;
  for (int i = offset; i < kChars; ++i) {
    count += static_cast<int64_t>(counts_[i]);
    if (count >= target) return i - offset;
  }
  return -1;
}

PhredEncoding GuessEncoding(int lowest_char) {
  if (lowest_char < 64) return {"Sanger / Illumina 1.9", 33};
  if (lowest_char == 65) return {"Illumina 1.3", 64};
  return {"Illumina 1.5", 64};
}

}  // namespace cutover
