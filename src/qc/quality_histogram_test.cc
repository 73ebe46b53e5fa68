#include "qc/quality_histogram.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

QualityHistogram Of(std::initializer_list<std::pair<char, int>> counts) {
  QualityHistogram h;
  for (auto [c, n] : counts) h.count(c) += n;
  h.RecomputeTotal();
  return h;
}

TEST(QualityHistogramTest, MeanAndPercentiles) {
  // 10 x 'I' (40) and 30 x '5' (20), offset 33.
  QualityHistogram h = Of({{'I', 10}, {'5', 30}});
  EXPECT_EQ(h.total(), 40u);
  EXPECT_DOUBLE_EQ(h.Mean(33), (10 * 40 + 30 * 20) / 40.0);
  // Median: target 40*50/100 = 20; cumulative reaches 30 at '5' -> 20.
  EXPECT_EQ(h.Percentile(33, 50), 20);
  // 90th: target 36; '5' gives 30 < 36, 'I' gives 40 -> 40.
  EXPECT_EQ(h.Percentile(33, 90), 40);
  EXPECT_EQ(h.min_char(), '5');
  EXPECT_EQ(h.max_char(), 'I');
}

TEST(QualityHistogramTest, PercentileTargetIsTruncated) {
  // 3 values: the 10th percentile's target is 3*10/100 = 0, which the empty count at the
  // offset itself already reaches: FastQC reports 0 there.
  QualityHistogram h = Of({{'#', 1}, {'I', 2}});
  EXPECT_EQ(h.Percentile(33, 10), 0);
  EXPECT_EQ(h.Percentile(33, 50), 2) << "target 1: the first value already reaches it";
  EXPECT_EQ(h.Percentile(33, 90), 40) << "target 2";
}

TEST(QualityHistogramTest, EmptyHasFastqcsSentinels) {
  QualityHistogram h;
  EXPECT_EQ(h.min_char(), 1000);
  EXPECT_EQ(h.max_char(), 1000);
}

TEST(QualityHistogramTest, EncodingGuess) {
  EXPECT_STREQ(GuessEncoding('!').name, "Sanger / Illumina 1.9");
  EXPECT_EQ(GuessEncoding('?').offset, 33);
  EXPECT_STREQ(GuessEncoding('A').name, "Illumina 1.3");
  EXPECT_STREQ(GuessEncoding('@').name, "Illumina 1.5");
  EXPECT_STREQ(GuessEncoding('B').name, "Illumina 1.5");
  EXPECT_EQ(GuessEncoding('B').offset, 64);
}

}  // namespace
}  // namespace cutover
