#include "util/nice_step.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(NiceStepTest, OneTwoOrFiveTimesAPowerOfTen) {
  EXPECT_DOUBLE_EQ(NiceStep(5, 4), 2);        // 1.25 -> 2
  EXPECT_DOUBLE_EQ(NiceStep(100, 5), 20);     // 20 -> 20
  EXPECT_DOUBLE_EQ(NiceStep(30000, 5), 10000);  // 6000 -> 10000
  EXPECT_DOUBLE_EQ(NiceStep(0.9, 8), 0.2);    // 0.1125 -> 0.2
  EXPECT_DOUBLE_EQ(NiceStep(41, 8), 10);      // 5.125 -> 10
  EXPECT_DOUBLE_EQ(NiceStep(0, 4), 1);
  EXPECT_DOUBLE_EQ(NiceStep(-3, 4), 1);
}

}  // namespace
}  // namespace cutover
