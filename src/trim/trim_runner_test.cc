#include "trim/trim_runner.h"

#include <gtest/gtest.h>

namespace cutover::trim {
namespace {

TEST(IsMateTest, ComparesIdsUpToTheFirstSpaceOrTab) {
  EXPECT_TRUE(IsMate("r1 1:N:0:ACGT", "r1 2:N:0:ACGT"));
  EXPECT_TRUE(IsMate("r1\tx", "r1 y"));
  EXPECT_TRUE(IsMate("read", "read"));
  EXPECT_FALSE(IsMate("r1 x", "r10 x"));
  EXPECT_TRUE(IsMate("r1", "r1 x"));
  EXPECT_FALSE(IsMate("abc x", "abd x"));
  EXPECT_TRUE(IsMate("", " anything"));  // empty IDs are equal
}

TEST(IsMateTest, ALastOneTwoOrThreeMayDiffer) {
  EXPECT_TRUE(IsMate("r/1", "r/2"));
  EXPECT_TRUE(IsMate("r/1 a", "r/3 b"));
  EXPECT_TRUE(IsMate("r.1", "r.2"));
  EXPECT_FALSE(IsMate("r/1", "r/4"));
  EXPECT_FALSE(IsMate("x/1", "y/2"));
  EXPECT_FALSE(IsMate("r/1", "r/12"));
}

}  // namespace
}  // namespace cutover::trim
