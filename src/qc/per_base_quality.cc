#include "qc/per_base_quality.h"

#include <algorithm>
#include <cmath>

#include "qc/html_report.h"
#include "qc/java_double.h"

namespace cutover {
namespace {

// The statistics FastQC takes of one position.
struct PositionStats {
  uint64_t total = 0;
  double mean = 0;            // valid when total > 0
  double percentile[5] = {};  // 10, 25, 50, 75, 90; valid when total > 100
};
constexpr int kPercentiles[5] = {10, 25, 50, 75, 90};

PositionStats StatsOf(const QualityHistogram& h, int offset) {
  PositionStats s;
  s.total = h.total();
  if (s.total > 0) s.mean = h.Mean(offset);
  if (s.total > 100) {
    for (int i = 0; i < 5; ++i) s.percentile[i] = h.Percentile(offset, kPercentiles[i]);
  }
  return s;
}

// The same from the bytes of a position held by the tail: the same integer sums, so the same
// mean as the histogram's. Tail positions have at most 100 values: no percentiles.
PositionStats StatsOf(std::string_view column, int offset) {
  PositionStats s;
  s.total = column.size();
  int64_t total = 0;
  int64_t count = 0;
  for (unsigned char c : column) {
    if (c < offset) continue;
    total += c - offset;
    ++count;
  }
  if (s.total > 0) s.mean = static_cast<double>(total) / static_cast<double>(count);
  return s;
}

}  // namespace

void PerBaseQuality::AddLong(std::string_view quality) {
  longest_ = std::max(longest_, quality.size());
  tail_.Add(quality, [this](size_t position, std::string_view bytes) {
    const size_t rows = position + bytes.size();
    if (tallies_.size() < rows * kRow) {
      // Grows by a quarter at least (amortised), not doubling: rows may be megabytes.
      if (tallies_.capacity() < rows * kRow) {
        tallies_.reserve(std::max(rows * kRow, tallies_.capacity() + tallies_.capacity() / 4));
      }
      tallies_.resize(rows * kRow, 0);
    }
    uint16_t* t = tallies_.data() + position * kRow - kFirstChar;
    for (unsigned char c : bytes) {
      ++t[c];
      t += kRow;
    }
  });
  if (hot_.Add(quality.size())) PromoteHot();
}

void PerBaseQuality::PromoteHot() {
  const size_t from = counts_.size();
  counts_.resize(hot_.position());
  for (size_t p = from; p < counts_.size(); ++p) {
    uint16_t* t = tallies_.data() + p * kRow;
    for (size_t c = 0; c < kRow; ++c) {
      if (c + kFirstChar < QualityHistogram::kChars)
        counts_[p].count(static_cast<int>(c + kFirstChar)) += t[c];
      t[c] = 0;
    }
  }
}

void PerBaseQuality::Flush() {
  if (pending_ == 0) return;
  for (size_t p = 0; p < counts_.size(); ++p) {
    uint16_t* t = tallies_.data() + p * kRow;
    for (size_t c = 0; c < kRow; ++c) {
      if (c + kFirstChar < QualityHistogram::kChars) counts_[p].count(static_cast<int>(c + kFirstChar)) += t[c];
      t[c] = 0;
    }
  }
  pending_ = 0;
}

template <typename Fn>
void PerBaseQuality::ForEachPosition(size_t positions, Fn&& fn) const {
  QualityHistogram h;
  const size_t rows = tail_.frontier();
  for (size_t p = 0; p < rows; ++p) {
    h = p < counts_.size() ? counts_[p] : QualityHistogram();
    const uint16_t* t = tallies_.data() + p * kRow;
    for (size_t c = 0; c + kFirstChar < QualityHistogram::kChars; ++c) {
      h.count(static_cast<int>(c + kFirstChar)) += t[c];
    }
    h.RecomputeTotal();
    fn(p, &h, std::string_view());
  }
  tail_.ForEachColumn([&](size_t p, std::string_view column) { fn(p, nullptr, column); });
  for (size_t p = std::max(rows, tail_.longest()); p < positions; ++p) {
    fn(p, nullptr, std::string_view());  // --min_length beyond the longest read
  }
}

bool PerBaseQuality::ignored() const {
  return context_.limits->Ignored("quality_base") || longest_ == 0;
}

void PerBaseQuality::Finish() {
  Flush();
  if (longest_ == 0) return;
  // --min_length beyond the longest read: rows for positions no read reaches (FastQC 0.11.9
  // fails on these; see docs/qc.md).
  const size_t positions =
      std::max(longest_, static_cast<size_t>(std::max(0, context_.grouping.min_length)));
  int lowest = 1000;
  int highest = 0;
  ForEachPosition(positions, [&](size_t, const QualityHistogram* h, std::string_view column) {
    if (h != nullptr) {
      lowest = std::min(lowest, h->min_char());
      if (h->total() > 0) highest = std::max(highest, h->max_char());
    }
    for (unsigned char c : column) {
      lowest = std::min(lowest, static_cast<int>(c));
      highest = std::max(highest, static_cast<int>(c));
    }
  });
  lowest_char_ = lowest;
  highest_char_ = highest;
  const PhredEncoding encoding = GuessEncoding(lowest);
  encoding_ = encoding.name;
  offset_ = encoding.offset;
  const int offset = encoding.offset;

  // Per group, in position order (the order FastQC adds them in): the sum and number of the
  // positions' means (positions with values) and percentiles (positions with over 100).
  const std::vector<BaseGroup> groups =
      MakeBaseGroups(static_cast<int>(positions), context_.grouping);
  struct Sums {
    double mean = 0;
    int means = 0;
    double percentile[5] = {};
    int percentiles = 0;
  };
  std::vector<Sums> sums(groups.size());
  size_t group = 0;
  ForEachPosition(positions, [&](size_t p, const QualityHistogram* h, std::string_view column) {
    while (group < groups.size() && static_cast<int>(p) >= groups[group].last) ++group;
    if (group == groups.size()) return;
    const PositionStats s = h != nullptr ? StatsOf(*h, offset) : StatsOf(column, offset);
    Sums& g = sums[group];
    if (s.total > 0) {
      g.mean += s.mean;
      ++g.means;
    }
    if (s.total > 100) {
      for (int i = 0; i < 5; ++i) g.percentile[i] += s.percentile[i];
      ++g.percentiles;
    }
  });
  for (size_t i = 0; i < groups.size(); ++i) {
    const Sums& g = sums[i];
    auto percentile = [&](int k) {
      return g.percentiles > 0 ? g.percentile[k] / g.percentiles : NAN;
    };
    Row row;
    row.label = groups[i].Label();
    row.mean = g.means > 0 ? g.mean / g.means : 0;
    row.p10 = percentile(0);
    row.lower = percentile(1);
    row.median = percentile(2);
    row.upper = percentile(3);
    row.p90 = percentile(4);
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
  if (highest_char_ > 0) high = std::max(high, static_cast<double>(highest_char_ - offset_));
  for (const Row& r : rows_) {
    labels.push_back(r.label);
    boxes.push_back({r.mean, r.median, r.lower, r.upper, r.p10, r.p90});
  }
  html->QualityBoxPlot("Quality scores across all bases (" + encoding_ + " encoding)", labels,
                       boxes, high);
}

}  // namespace cutover
