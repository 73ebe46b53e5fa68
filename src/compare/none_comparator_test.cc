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

}  // namespace
}  // namespace cutover
