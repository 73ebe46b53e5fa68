#include "qc/per_sequence_gc.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(GcModelTest, Length100ClaimsTwoBinsPerCount) {
  // For 100 bp, GC count g spans [g-0.5, g+0.5]%, rounding to bins g and g+1; bins 1..100 are
  // claimed by two counts (1/2 each), bin 0 by one (1).
  GcModel m(100);
  ASSERT_EQ(m.shares(0).size(), 2u);
  EXPECT_EQ(m.shares(0)[0].bin, 0);
  EXPECT_DOUBLE_EQ(m.shares(0)[0].increment, 1.0);
  EXPECT_EQ(m.shares(0)[1].bin, 1);
  EXPECT_DOUBLE_EQ(m.shares(0)[1].increment, 0.5);
  EXPECT_EQ(m.shares(40)[0].bin, 40);
  EXPECT_EQ(m.shares(40)[1].bin, 41);
  ASSERT_EQ(m.shares(100).size(), 1u);
  EXPECT_EQ(m.shares(100)[0].bin, 100);
  EXPECT_DOUBLE_EQ(m.shares(100)[0].increment, 0.5);
}

TEST(GcModelTest, SharesOfEveryBinSumToOne) {
  for (int length : {1, 7, 36, 50, 75, 100, 150, 1000, 123000, 10000000}) {
    GcModel m(length);
    double per_bin[101] = {};
    for (int g = 0; g <= length; ++g) {
      for (const GcModel::Share& s : m.shares(g)) per_bin[s.bin] += s.increment;
    }
    for (int b = 0; b <= 100; ++b) {
      if (per_bin[b] != 0) {
        EXPECT_NEAR(per_bin[b], 1.0, 1e-9) << length << " bp, bin " << b;
      }
    }
  }
}

}  // namespace
}  // namespace cutover
