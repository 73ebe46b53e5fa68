#include "qc/base_groups.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

std::string Labels(const std::vector<BaseGroup>& groups) {
  std::string s;
  for (const BaseGroup& g : groups) s += (s.empty() ? "" : ",") + g.Label();
  return s;
}

TEST(BaseGroupsTest, UpTo75PositionsAreNotGrouped) {
  EXPECT_EQ(MakeBaseGroups(75, {}).size(), 75u);
  EXPECT_EQ(Labels(MakeBaseGroups(3, {})), "1,2,3");
}

TEST(BaseGroupsTest, LinearGroupingFor150) {
  // 9 + ceil(141/2) = 80 >= 75; 9 + ceil(141/5) = 38 < 75: interval 5.
  std::vector<BaseGroup> g = MakeBaseGroups(150, {});
  ASSERT_EQ(g.size(), 9u + 29u);
  EXPECT_EQ(g[8].Label(), "9");
  EXPECT_EQ(g[9].Label(), "10-14");
  EXPECT_EQ(g.back().Label(), "150");
  EXPECT_EQ(g[g.size() - 2].Label(), "145-149");
}

TEST(BaseGroupsTest, LinearGroupingFor76UsesPairs) {
  // 9 + ceil(67/2) = 43 < 75: interval 2, starting at 10.
  std::vector<BaseGroup> g = MakeBaseGroups(76, {});
  EXPECT_EQ(g[9].Label(), "10-11");
  EXPECT_EQ(g.back().Label(), "76");
}

TEST(BaseGroupsTest, WideIntervalsStartAfterPosition9) {
  // 1000 bp: 2 -> 505, 5 -> 208, 10 -> 109, 20 -> 59 < 75: interval 20, second group 10-19.
  std::vector<BaseGroup> g = MakeBaseGroups(1000, {});
  EXPECT_EQ(g[9].Label(), "10-19");
  EXPECT_EQ(g[10].Label(), "20-39");
  EXPECT_EQ(g.back().Label(), "1000");
}

TEST(BaseGroupsTest, NogroupAndMinLength) {
  GroupingOptions none{Grouping::kNone, 0};
  EXPECT_EQ(MakeBaseGroups(150, none).size(), 150u);
  GroupingOptions min{Grouping::kNone, 200};
  EXPECT_EQ(MakeBaseGroups(150, min).size(), 200u);
}

TEST(BaseGroupsTest, Exponential) {
  GroupingOptions exp{Grouping::kExponential, 0};
  std::vector<BaseGroup> g = MakeBaseGroups(100, exp);
  EXPECT_EQ(g[9].Label(), "10-14");
  EXPECT_EQ(g[g.size() - 2].Label(), "95-99");
  EXPECT_EQ(g.back().Label(), "100");
}

}  // namespace
}  // namespace cutover
