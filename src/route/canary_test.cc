#include "route/canary.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace cutover {
namespace {

std::set<std::string> Members(int percent, int n = 1000) {
  std::set<std::string> out;
  for (int i = 0; i < n; ++i) {
    std::string s = "sample" + std::to_string(i);
    if (InCanary("trim", s, percent)) out.insert(s);
  }
  return out;
}

TEST(CanaryTest, RaisingOnlyAddsSamples) {
  std::set<std::string> ten = Members(10), thirty = Members(30);
  for (const auto& s : ten) EXPECT_TRUE(thirty.count(s)) << s << " left the canary at 30%";
  EXPECT_GT(thirty.size(), ten.size());
}

TEST(CanaryTest, ShareIsCloseToPercent) {
  // 1000 samples at 30%: binomial sd ~14.5; allow 4 sd.
  EXPECT_NEAR(static_cast<double>(Members(30).size()), 300.0, 60.0);
  EXPECT_TRUE(Members(0).empty());
  EXPECT_EQ(Members(100).size(), 1000u);
}

TEST(CanaryTest, DependsOnStepAndSampleSeparately) {
  EXPECT_NE(CanaryBucket("ab", "c"), CanaryBucket("a", "bc"));
  EXPECT_EQ(CanaryBucket("qc", "s1"), CanaryBucket("qc", "s1"));
}

}  // namespace
}  // namespace cutover
