#include "compare/difference_list.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cutover {
namespace {

TEST(DifferenceListTest, KeepsTheLowestRanksInRankOrder) {
  DifferenceList<std::string> list(3);
  list.Offer({7, 0}, "7");
  list.Offer({2, 1}, "2 new");
  list.Offer({9, 0}, "9");
  list.Offer({2, 0}, "2 legacy");
  list.Offer({5, 0}, "5");
  EXPECT_EQ(list.size(), 3u);  // never more than the limit
  EXPECT_EQ(list.Take(), (std::vector<std::string>{"2 legacy", "2 new", "5"}));
  EXPECT_EQ(list.size(), 0u);
}

TEST(DifferenceListTest, FewerThanTheLimitAreAllKept) {
  DifferenceList<int> list(10);
  list.Offer({3, 0}, 3);
  list.Offer({1, 0}, 1);
  EXPECT_EQ(list.Take(), (std::vector<int>{1, 3}));
}

TEST(DifferenceListTest, LimitZeroKeepsNothing) {
  DifferenceList<int> list(0);
  EXPECT_FALSE(list.WouldKeep({0, 0}));
  list.Offer({0, 0}, 1);
  EXPECT_TRUE(list.Take().empty());
}

TEST(DifferenceListTest, TiesKeepTheOrderOffered) {
  DifferenceList<int> list(2);
  list.Offer({4, 0}, 1);
  list.Offer({4, 0}, 2);
  list.Offer({4, 0}, 3);  // ties the kept ones but comes later: dropped
  list.Offer({1, 0}, 0);  // displaces the later of the two
  EXPECT_EQ(list.Take(), (std::vector<int>{0, 1}));
}

TEST(DifferenceListTest, WouldKeepFollowsTheCutoff) {
  DifferenceList<int> list(2);
  EXPECT_TRUE(list.WouldKeep({100, 0}));
  list.Offer({10, 0}, 10);
  list.Offer({20, 0}, 20);
  EXPECT_FALSE(list.WouldKeep({20, 0}));
  EXPECT_FALSE(list.WouldKeep({30, 0}));
  EXPECT_TRUE(list.WouldKeep({19, 5}));
  EXPECT_TRUE(list.WouldKeep({20, -1}));  // minor breaks the tie
}

TEST(DifferenceListTest, ManyOffersInAnyOrderGiveTheFirstByRank) {
  // 1000 ranks offered in a scrambled order: the first 10 come out, in order.
  DifferenceList<int64_t> list(10);
  for (int64_t i = 0; i < 1000; ++i) {
    const int64_t r = (i * 7919) % 1000;  // 7919 is prime to 1000: a permutation
    list.Offer({r, 0}, r);
    ASSERT_LE(list.size(), 10u);
  }
  std::vector<int64_t> expected;
  for (int64_t i = 0; i < 10; ++i) expected.push_back(i);
  EXPECT_EQ(list.Take(), expected);
}

TEST(DifferenceListTest, MinorOrdersWithinAMajor) {
  // As the table comparator ranks them: by line, the legacy side (0) before the new (1).
  DifferenceList<std::string> list(4);
  list.Offer({3, 1}, "new 3");
  list.Offer({3, 0}, "legacy 3");
  list.Offer({1, 1}, "new 1");
  list.Offer({2, 0}, "legacy 2");
  EXPECT_EQ(list.Take(), (std::vector<std::string>{"new 1", "legacy 2", "legacy 3", "new 3"}));
}

}  // namespace
}  // namespace cutover
