// Per base sequence quality: per position group, the mean and the 10th/25th/50th/75th/90th
// percentiles of the quality (percentiles only where a position has more than 100 values).
#pragma once

#include <cstdint>
#include <vector>

#include "qc/module.h"
#include "qc/module_context.h"
#include "qc/quality_histogram.h"

namespace cutover {

class PerBaseQuality : public QcModule {
 public:
  explicit PerBaseQuality(const ModuleContext& context) : context_(context) {}
  std::string_view name() const override { return "Per base sequence quality"; }
  void Add(const QcRead& read) override {
    const size_t length = read.quality.size();
    if (length > positions_) Grow(length);
    uint16_t* t = tallies_.data() - kFirstChar;
    for (unsigned char c : read.quality) {
      ++t[c];
      t += kRow;
    }
    if (++pending_ == kFlushEvery) Flush();
  }
  void Finish() override;
  bool ignored() const override;
  Verdict verdict() const override { return verdict_; }
  void WriteData(std::string* out) const override;
  void WriteHtml(HtmlReport* html) const override;

  // The lowest quality character of all reads (1000 when there were none); after Finish().
  int lowest_char() const { return lowest_char_; }

 private:
  struct Row {
    std::string label;
    double mean, median, lower, upper, p10, p90;
  };
  double GroupPercentile(const BaseGroup& g, int offset, int percentile) const;
  void Grow(size_t length);
  void Flush();  // adds the 16-bit tallies to counts_

  // Reads are tallied in 16-bit counters, one row of the 94 quality characters ('!'..'~', the
  // only ones a checked read holds) per position: 150 positions fit in the first-level cache.
  // They are added to the 64-bit histograms every 65535 reads.
  static constexpr int kFlushEvery = 65535;
  static constexpr int kFirstChar = 33;
  static constexpr size_t kRow = 96;
  std::vector<uint16_t> tallies_;
  size_t positions_ = 0;
  int pending_ = 0;

  const ModuleContext context_;
  std::vector<QualityHistogram> counts_;
  std::vector<Row> rows_;
  std::string encoding_;
  int offset_ = 33;  // the encoding's Phred offset
  int lowest_char_ = 1000;
  Verdict verdict_ = Verdict::kPass;
};

}  // namespace cutover
