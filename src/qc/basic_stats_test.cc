#include "qc/basic_stats.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(FormatBaseCountTest, UnitsOfAThousandAndOneDecimalCutNotRounded) {
  EXPECT_EQ(FormatBaseCount(0), "0 bp");
  EXPECT_EQ(FormatBaseCount(150), "150 bp");
  EXPECT_EQ(FormatBaseCount(999), "999 bp");
  EXPECT_EQ(FormatBaseCount(1000), "1 kbp");
  EXPECT_EQ(FormatBaseCount(1050), "1 kbp") << "1.05: the decimal is 0, so none";
  EXPECT_EQ(FormatBaseCount(1499), "1.4 kbp") << "cut, not rounded";
  EXPECT_EQ(FormatBaseCount(12000), "12 kbp");
  EXPECT_EQ(FormatBaseCount(1500000), "1.5 Mbp");
  EXPECT_EQ(FormatBaseCount(5099999), "5 Mbp");
  EXPECT_EQ(FormatBaseCount(999999999), "999.9 Mbp");
  EXPECT_EQ(FormatBaseCount(300000000000), "300 Gbp");
  EXPECT_EQ(FormatBaseCount(2500000000000), "2500 Gbp");
}

}  // namespace
}  // namespace cutover
