#include "pipeline/yaml_json.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

using nlohmann::json;

TEST(YamlJsonTest, ScalarsKeepTheirTypeUnlessQuoted) {
  EXPECT_EQ(ParseYamlValue("12").value(), json(12));
  EXPECT_EQ(ParseYamlValue("0.25").value(), json(0.25));
  EXPECT_EQ(ParseYamlValue("true").value(), json(true));
  EXPECT_EQ(ParseYamlValue("~").value(), json(nullptr));
  EXPECT_EQ(ParseYamlValue("'12'").value(), json("12"));
  EXPECT_EQ(ParseYamlValue("^# generated").value(), json("^# generated"));
}

TEST(YamlJsonTest, FlowCollections) {
  EXPECT_EQ(ParseYamlValue("[a, 2]").value(), json::array({"a", 2}));
  EXPECT_EQ(ParseYamlValue("{absolute: 0.5, columns: [x]}").value(),
            (json{{"absolute", 0.5}, {"columns", json::array({"x"})}}));
}

TEST(YamlJsonTest, InvalidYamlIsAnError) {
  auto r = ParseYamlValue("[a, b");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("'[a, b'"), std::string::npos);
}

}  // namespace
}  // namespace cutover
