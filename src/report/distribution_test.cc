#include "report/distribution.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(DistributionTest, QuantilesInterpolateBetweenRanks) {
  // 1..11 unordered: rank r of q is q*10, so p25 = 3.5, median = 6, p90 = 10.
  Distribution d = Summarize({11, 1, 10, 2, 9, 3, 8, 4, 7, 5, 6});
  EXPECT_EQ(d.n, 11);
  EXPECT_DOUBLE_EQ(d.min, 1);
  EXPECT_DOUBLE_EQ(d.max, 11);
  EXPECT_DOUBLE_EQ(d.median, 6);
  EXPECT_DOUBLE_EQ(d.p25, 3.5);
  EXPECT_DOUBLE_EQ(d.p75, 8.5);
  EXPECT_DOUBLE_EQ(d.p10, 2);
  EXPECT_DOUBLE_EQ(d.p90, 10);
}

TEST(DistributionTest, EvenCountMedianIsTheMeanOfTheMiddleTwo) {
  Distribution d = Summarize({4, 1, 3, 2});
  EXPECT_DOUBLE_EQ(d.median, 2.5);
  EXPECT_DOUBLE_EQ(d.p25, 1.75);
}

TEST(DistributionTest, EmptyAndSingle) {
  EXPECT_TRUE(Summarize({}).empty());
  Distribution one = Summarize({42});
  EXPECT_EQ(one.n, 1);
  EXPECT_DOUBLE_EQ(one.p10, 42);
  EXPECT_DOUBLE_EQ(one.p90, 42);
}

TEST(DistributionTest, MedianRatio) {
  EXPECT_DOUBLE_EQ(MedianRatio(Summarize({100, 120, 80}), Summarize({10, 10})), 10);
  EXPECT_EQ(MedianRatio(Summarize({}), Summarize({10})), 0);
  EXPECT_EQ(MedianRatio(Summarize({5}), Summarize({0})), 0);
}

}  // namespace
}  // namespace cutover
