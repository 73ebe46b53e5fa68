// Per base sequence quality: per position group, the mean and the 10th/25th/50th/75th/90th
// percentiles of the quality (percentiles only where a position has more than 100 values).
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "qc/coverage_frontier.h"
#include "qc/module.h"
#include "qc/module_context.h"
#include "qc/position_tail.h"
#include "qc/quality_histogram.h"

namespace cutover {

class PerBaseQuality : public QcModule {
 public:
  explicit PerBaseQuality(const ModuleContext& context) : context_(context) {}
  std::string_view name() const override { return "Per base sequence quality"; }
  void Add(const QcRead& read) override {
    const size_t length = read.quality.size();
    if (const size_t counted = std::min(length, tail_.frontier()); counted > 0) {
      uint16_t* t = tallies_.data() - kFirstChar;
      for (size_t i = 0; i < counted; ++i) {
        ++t[static_cast<unsigned char>(read.quality[i])];
        t += kRow;
      }
    }
    if (length > counts_.size()) AddLong(read.quality);
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
  // The part of Add() for reads longer than the positions with 64-bit counts.
  void AddLong(std::string_view quality);
  // Adds the 16-bit tallies of positions [counts_.size(), hot_.position()) to new 64-bit counts.
  void PromoteHot();
  void Flush();  // adds the 16-bit tallies of the positions with 64-bit counts to them
  // Calls fn(position, histogram) for every position of the longest read (and up to
  // --min_length), from all three tiers.
  template <typename Fn>
  void ForEachPosition(size_t positions, Fn&& fn) const;

  // Counts are kept in three tiers by how many reads reach a position (which only falls along
  // the read), so that memory follows what the reads can fill:
  // - positions covered by more than kColdCoverage reads: 64-bit histograms (counts_), fed by
  //   16-bit tallies added to them every kFlushEvery reads (150 positions of 94 tallies fit in
  //   the first-level cache);
  // - then positions covered by more than kTailReads reads: 16-bit tallies alone, which cannot
  //   overflow there (about 0.2 kB a position);
  // - beyond (tail_.frontier()), at most kTailReads reads: their quality bytes as they are
  //   (at most 100 bytes a position; FastQC prints percentiles only above 100 values).
  static constexpr int kFlushEvery = 65535;
  static constexpr uint64_t kColdCoverage = 32767;
  static constexpr size_t kTailReads = 100;
  static constexpr int kFirstChar = 33;  // one row of '!'..'~', the only characters of a
  static constexpr size_t kRow = 96;     // checked read, per position
  std::vector<uint16_t> tallies_;  // [position * kRow + c - kFirstChar], tail_.frontier() rows
  std::vector<QualityHistogram> counts_;  // hot_.position() positions
  CoverageFrontier hot_{kColdCoverage};
  PositionTail tail_{kTailReads};
  size_t longest_ = 0;
  int pending_ = 0;

  const ModuleContext context_;
  std::vector<Row> rows_;
  std::string encoding_;
  int offset_ = 33;  // the encoding's Phred offset
  int lowest_char_ = 1000;
  int highest_char_ = 0;
  Verdict verdict_ = Verdict::kPass;
};

}  // namespace cutover
