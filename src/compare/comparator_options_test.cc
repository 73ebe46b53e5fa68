#include "compare/comparator_options.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

using nlohmann::json;

TEST(ComparatorOptionsTest, UnknownOptionIsNamedWithTheKnownOnes) {
  Status st = CheckOptionNames("text", json{{"ignore", json::array()}, {"colour", 1}},
                               {"ignore", "max_differences"});
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("'colour'"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("known: ignore, max_differences"), std::string::npos);
  EXPECT_NE(st.message().find("'text'"), std::string::npos);
}

TEST(ComparatorOptionsTest, NoOptionsAllowed) {
  EXPECT_TRUE(CheckOptionNames("bytes", json(), {}).ok());
  EXPECT_TRUE(CheckOptionNames("bytes", json::object(), {}).ok());
  Status st = CheckOptionNames("bytes", json{{"x", 1}}, {});
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("takes no options"), std::string::npos) << st.message();
  EXPECT_EQ(CheckOptionNames("bytes", json::array({1}), {}).code(), StatusCode::kInvalidArgument);
}

TEST(ComparatorOptionsTest, Bool) {
  bool b = false;
  ASSERT_TRUE(ReadBoolOption("t", json::object(), "flag", &b).ok());
  EXPECT_FALSE(b);  // absent: default kept
  ASSERT_TRUE(ReadBoolOption("t", json{{"flag", true}}, "flag", &b).ok());
  EXPECT_TRUE(b);
  ASSERT_TRUE(ReadBoolOption("t", json{{"flag", "false"}}, "flag", &b).ok());
  EXPECT_FALSE(b);
  Status st = ReadBoolOption("t", json{{"flag", 1}}, "flag", &b);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("'flag'"), std::string::npos);
}

TEST(ComparatorOptionsTest, Int) {
  int64_t v = 10;
  ASSERT_TRUE(ReadIntOption("t", json{{"n", 3}}, "n", 0, 100, &v).ok());
  EXPECT_EQ(v, 3);
  ASSERT_TRUE(ReadIntOption("t", json{{"n", "42"}}, "n", 0, 100, &v).ok());
  EXPECT_EQ(v, 42);
  EXPECT_FALSE(ReadIntOption("t", json{{"n", -1}}, "n", 0, 100, &v).ok());
  EXPECT_FALSE(ReadIntOption("t", json{{"n", 101}}, "n", 0, 100, &v).ok());
  EXPECT_FALSE(ReadIntOption("t", json{{"n", 2.5}}, "n", 0, 100, &v).ok());
  EXPECT_FALSE(ReadIntOption("t", json{{"n", "4x"}}, "n", 0, 100, &v).ok());
  EXPECT_FALSE(ReadIntOption("t", json{{"n", ""}}, "n", 0, 100, &v).ok());
  EXPECT_EQ(v, 42);
}

TEST(ComparatorOptionsTest, StringList) {
  std::vector<std::string> v;
  ASSERT_TRUE(ReadStringListOption("t", json{{"l", {"a", "b"}}}, "l", &v).ok());
  EXPECT_EQ(v, (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(ReadStringListOption("t", json{{"l", "one"}}, "l", &v).ok());
  EXPECT_EQ(v, (std::vector<std::string>{"one"}));
  EXPECT_FALSE(ReadStringListOption("t", json{{"l", {"a", 1}}}, "l", &v).ok());
  EXPECT_FALSE(ReadStringListOption("t", json{{"l", 5}}, "l", &v).ok());
}

}  // namespace
}  // namespace cutover

namespace cutover {
namespace {

TEST(ComparatorOptionsTest, ToleranceIsANumberOrAbsoluteAndRelative) {
  NumericTolerance t;
  ASSERT_TRUE(ReadToleranceOption("vcf", nlohmann::json{{"qual", 0.5}}, "qual", &t).ok());
  EXPECT_EQ(t.absolute, 0.5);
  EXPECT_TRUE(t.Within(10, 10.5));   // exactly at the bound
  EXPECT_FALSE(t.Within(10, 10.51));
  ASSERT_TRUE(ReadToleranceOption("vcf", nlohmann::json{{"qual", {{"relative", 0.1}}}}, "qual", &t)
                  .ok());
  EXPECT_TRUE(t.Within(100, 110));
  EXPECT_FALSE(t.Within(100, 111.2));
  EXPECT_FALSE(
      ReadToleranceOption("vcf", nlohmann::json{{"qual", {{"abs", 1}}}}, "qual", &t).ok());
  EXPECT_FALSE(ReadToleranceOption("vcf", nlohmann::json{{"qual", -1}}, "qual", &t).ok());
}

}  // namespace
}  // namespace cutover
