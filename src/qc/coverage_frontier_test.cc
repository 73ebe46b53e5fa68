#include "qc/coverage_frontier.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <random>
#include <vector>

namespace cutover {
namespace {

TEST(CoverageFrontierTest, StaysAtZeroUntilMoreThanCapacityReads) {
  CoverageFrontier frontier(2);
  EXPECT_FALSE(frontier.Add(100));
  EXPECT_FALSE(frontier.Add(50));
  EXPECT_EQ(frontier.position(), 0u);
  EXPECT_TRUE(frontier.Add(70));  // three reads: positions 0..49 are covered by all three
  EXPECT_EQ(frontier.position(), 50u);
  EXPECT_FALSE(frontier.Add(10));  // shorter than the frontier: changes nothing
  EXPECT_TRUE(frontier.Add(200));  // 100, 70, 200 beyond 50: the third longest is 70
  EXPECT_EQ(frontier.position(), 70u);
}

TEST(CoverageFrontierTest, IsTheLengthOfTheReadAfterTheCapacityLongest) {
  std::mt19937 rng(7);
  for (uint64_t capacity : {1u, 3u, 100u}) {
    CoverageFrontier frontier(capacity);
    std::vector<size_t> lengths;
    for (int i = 0; i < 2000; ++i) {
      const size_t length = rng() % 5000;
      lengths.push_back(length);
      frontier.Add(length);
      std::vector<size_t> sorted = lengths;
      std::sort(sorted.begin(), sorted.end(), std::greater<>());
      const size_t expected = sorted.size() > capacity ? sorted[capacity] : 0;
      ASSERT_EQ(frontier.position(), expected) << "capacity " << capacity << ", read " << i;
    }
  }
}

}  // namespace
}  // namespace cutover
