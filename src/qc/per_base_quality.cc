#include "qc/per_base_quality.h"

#include <algorithm>
#include <cmath>

#include "qc/html_report.h"
#include "qc/java_double.h"

namespace cutover {

void PerBaseQuality::Grow(size_t length) {
  Flush();
  positions_ = length;
  tallies_.assign(positions_ * kRow, 0);
}

void PerBaseQuality::Flush() {
  if (counts_.size() < positions_) counts_.resize(positions_);
  if (pending_ == 0) return;
  for (size_t p = 0; p < positions_; ++p) {
    uint16_t* t = tallies_.data() + p * kRow;
    for (size_t c = 0; c < kRow; ++c) {
      if (c + kFirstChar < QualityHistogram::kChars) counts_[p].count(static_cast<int>(c + kFirstChar)) += t[c];
      t[c] = 0;
    }
  }
  pending_ = 0;
}

bool PerBaseQuality::ignored() const {
  return context_.limits->Ignored("quality_base") || counts_.empty();
}

double PerBaseQuality::GroupPercentile(const BaseGroup& g, int offset, int percentile) const {
  int count = 0;
  double total = 0;
  for (int i = g.first - 1; i < g.last; ++i) {
    if (counts_[i].total() > 100) {
      ++count;
      total += counts_[i].Percentile(offset, percentile);
    }
  }
  return count > 0 ? total / count : NAN;
}

void PerBaseQuality::Finish() {
  Flush();
  if (counts_.empty()) return;
  // --min_length beyond the longest read: rows for positions no read reaches (FastQC 0.11.9
  // fails on these; see docs/qc.md).
  if (static_cast<int>(counts_.size()) < context_.grouping.min_length) {
    counts_.resize(context_.grouping.min_length);
  }
  int lowest = 1000;
  for (QualityHistogram& h : counts_) {
    h.RecomputeTotal();
    lowest = std::min(lowest, h.min_char());
  }
  lowest_char_ = lowest;
  const PhredEncoding encoding = GuessEncoding(lowest);
  encoding_ = encoding.name;
  offset_ = encoding.offset;
  const int offset = encoding.offset;
  for (const BaseGroup& g : MakeBaseGroups(static_cast<int>(counts_.size()), context_.grouping)) {
    Row row;
    row.label = g.Label();
    row.p10 = GroupPercentile(g, offset, 10);
    row.p90 = GroupPercentile(g, offset, 90);
    int count = 0;
    double total = 0;
    for (int i = g.first - 1; i < g.last; ++i) {
      if (counts_[i].total() > 0) {
        ++count;
        total += counts_[i].Mean(offset);
      }
    }
    row.mean = count > 0 ? total / count : 0;
    row.median = GroupPercentile(g, offset, 50);
    row.lower = GroupPercentile(g, offset, 25);
    row.upper = GroupPercentile(g, offset, 75);
    rows_.push_back(std::move(row));
  }
  const Limits& l = *context_.limits;
  auto below = [&](const std::string& level) {
    for (const Row& r : rows_) {
      if (std::isnan(r.lower)) continue;
      if (r.lower < l.Get("quality_base_lower", level) ||
          r.median < l.Get("quality_base_median", level)) {
        return true;
      }
    }
    return false;
  };
  verdict_ = below("error") ? Verdict::kFail : below("warn") ? Verdict::kWarn : Verdict::kPass;
}

void PerBaseQuality::WriteData(std::string* out) const {
  out->append(
      "#Base\tMean\tMedian\tLower Quartile\tUpper Quartile\t10th Percentile\t90th Percentile\n");
  for (const Row& r : rows_) {
    out->append(r.label);
    for (double v : {r.mean, r.median, r.lower, r.upper, r.p10, r.p90}) {
      out->push_back('\t');
      AppendJavaDouble(v, out);
    }
    out->push_back('\n');
  }
}

void PerBaseQuality::WriteHtml(HtmlReport* html) const {
  std::vector<std::string> labels;
  std::vector<HtmlReport::Box> boxes;
  double high = 35;
  for (const QualityHistogram& h : counts_) {
    if (h.total() > 0) high = std::max(high, static_cast<double>(h.max_char() - offset_));
  }
  for (const Row& r : rows_) {
    labels.push_back(r.label);
    boxes.push_back({r.mean, r.median, r.lower, r.upper, r.p10, r.p90});
  }
  html->QualityBoxPlot("Quality scores across all bases (" + encoding_ + " encoding)", labels,
                       boxes, high);
}

}  // namespace cutover
