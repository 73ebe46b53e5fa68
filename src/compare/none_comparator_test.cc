#include "compare/none_comparator.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

TEST(NoneComparatorTest, RegisteredAndTakesNoOptions) {
  auto c = MakeComparator("none", nullptr);
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ((*c)->kind(), "none");
  auto bad = MakeComparator("none", nlohmann::json{{"ignore", "x"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("takes no options"), std::string::npos);
}

TEST(NoneComparatorTest, OnlyNoneDoesNotCompare) {
  for (std::string_view kind : ComparatorKinds()) {
    nlohmann::json options = nullptr;
    if (kind == "command") options = {{"run", "cmp {legacy} {new}"}};
    auto c = MakeComparator(std::string(kind), options);
    ASSERT_TRUE(c.ok()) << kind << ": " << c.status().message();
    EXPECT_EQ((*c)->compares(), kind != "none") << kind;
  }
}

}  // namespace
}  // namespace cutover
