#include "qc/index_counts.h"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

namespace cutover {
namespace {

TEST(IndexCountsTest, DenseAndSparseIndexesCountAndIterateInOrder) {
  IndexCounts counts;
  EXPECT_TRUE(counts.empty());
  EXPECT_EQ(counts.max_index(), 0u);
  counts.Add(10'000'000);
  counts.Add(150);
  counts.Add(150, 2);
  counts.Add(IndexCounts::kDenseLimit);
  counts.Add(IndexCounts::kDenseLimit - 1);
  EXPECT_FALSE(counts.empty());
  EXPECT_EQ(counts.count(150), 3u);
  EXPECT_EQ(counts.count(151), 0u);
  EXPECT_EQ(counts.count(10'000'000), 1u);
  EXPECT_EQ(counts.count(20'000'000), 0u);
  EXPECT_EQ(counts.max_index(), 10'000'000u);
  std::vector<std::pair<size_t, uint64_t>> seen;
  counts.ForEach([&](size_t i, uint64_t n) { seen.emplace_back(i, n); });
  const std::vector<std::pair<size_t, uint64_t>> expected = {
      {150, 3}, {IndexCounts::kDenseLimit - 1, 1}, {IndexCounts::kDenseLimit, 1}, {10'000'000, 1}};
  EXPECT_EQ(seen, expected);
}

TEST(IndexCountsTest, OneHugeIndexDoesNotAllocateAnArrayAsLongAsIt) {
  IndexCounts counts;
  counts.Add(50'000'000);
  EXPECT_EQ(counts.max_index(), 50'000'000u);
  EXPECT_EQ(counts.count(0), 0u);
  EXPECT_FALSE(counts.empty());
}

}  // namespace
}  // namespace cutover
