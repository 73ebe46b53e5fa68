#include "compare/json_comparator.h"

#include <gtest/gtest.h>

#include "testing/temp_dir.h"

namespace cutover {
namespace {

using nlohmann::json;

Comparison JsonRun(const json& options, std::string_view a, std::string_view b) {
  TestTempDir dir;
  auto c = JsonComparator::FromOptions(options);
  EXPECT_TRUE(c.ok()) << c.status().ToString();
  return (*c)->Compare(dir.Write("a.json", a), dir.Write("b.json", b));
}

TEST(JsonComparatorTest, FormattingAndKeyOrderDoNotMatter) {
  Comparison c = JsonRun(json::object(), R"({"a": 1, "b": [1, 2]})", "{\n  \"b\": [1,2],\n  \"a\": 1.0\n}\n");
  EXPECT_EQ(c.outcome, Outcome::kMatch) << c.message;
  EXPECT_EQ(c.message, "identical values");
}

TEST(JsonComparatorTest, EachKindOfDifferenceWithItsPath) {
  Comparison c = JsonRun(json::object(), R"({"a": {"x": 1, "gone": true}, "list": [1, 2], "t": "1"})",
                     R"({"a": {"x": 2, "new/key": 0}, "list": [1, 2, 3], "t": 1})");
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.counts["differing_values"], 2);  // /a/x and the type change of /t
  EXPECT_EQ(c.counts["type_changes"], 1);
  EXPECT_EQ(c.counts["only_legacy"], 1);
  EXPECT_EQ(c.counts["only_new"], 2);
  ASSERT_EQ(c.differences.size(), 5u);
  EXPECT_EQ(c.differences[0].location, "/a/gone");
  EXPECT_FALSE(c.differences[0].in_new);
  EXPECT_EQ(c.differences[1].location, "/a/x");
  EXPECT_EQ(c.differences[1].legacy, "1");
  EXPECT_EQ(c.differences[1].new_side, "2");
  EXPECT_EQ(c.differences[2].location, "/a/new~1key");  // JSON Pointer escaping
  EXPECT_EQ(c.differences[3].location, "/list/2");
  EXPECT_EQ(c.differences[4].location, "/t");
  EXPECT_EQ(c.differences[4].legacy, "\"1\"");
  EXPECT_EQ(c.message, "5 values differ (2 changed, 1 only in legacy, 2 only in new), first at /a/gone");
}

TEST(JsonComparatorTest, ToleranceEdges) {
  json abs = {{"tolerance", {{"absolute", 0.5}}}};
  EXPECT_EQ(JsonRun(abs, "[1.0]", "[1.5]").outcome, Outcome::kNoise);      // exactly at the bound
  EXPECT_EQ(JsonRun(abs, "[1.0]", "[1.5000001]").outcome, Outcome::kMismatch);
  json rel = {{"tolerance", {{"relative", 0.01}}}};
  EXPECT_EQ(JsonRun(rel, "[100]", "[101]").outcome, Outcome::kNoise);      // 1 <= 0.01 * 101
  EXPECT_EQ(JsonRun(rel, "[100]", "[102]").outcome, Outcome::kMismatch);
  EXPECT_EQ(JsonRun(json{{"tolerance", 2}}, "[1]", "[3]").outcome, Outcome::kNoise);
  EXPECT_EQ(JsonRun(json::object(), "[1]", "[1.0000001]").outcome, Outcome::kMismatch);
}

TEST(JsonComparatorTest, IgnoredPathsWithWildcards) {
  json options = {{"ignore_paths", {"/meta", "/samples/*/when"}}};
  Comparison c = JsonRun(options, R"({"meta": {"at": 1}, "samples": [{"n": 1, "when": "mon"}]})",
                     R"({"meta": {"at": 2, "by": "x"}, "samples": [{"n": 1, "when": "tue"}]})");
  EXPECT_EQ(c.outcome, Outcome::kNoise) << c.message;
  EXPECT_EQ(c.message, "differ only in ignored paths (2)");
  Comparison m = JsonRun(options, R"({"samples": [{"n": 1, "when": "mon"}]})",
                     R"({"samples": [{"n": 2, "when": "tue"}]})");
  EXPECT_EQ(m.outcome, Outcome::kMismatch);
  EXPECT_EQ(m.differences.at(0).location, "/samples/0/n");
}

TEST(JsonComparatorTest, ArrayOrderAny) {
  json any = {{"array_order", "any"}};
  EXPECT_EQ(JsonRun(any, "[1, 2, 2, 3]", "[3, 2, 1, 2]").outcome, Outcome::kNoise);
  EXPECT_EQ(JsonRun(any, "[1, 2]", "[1, 2]").outcome, Outcome::kMatch);
  Comparison c = JsonRun(any, "[1, 2, 2]", "[2, 1, 1]");
  EXPECT_EQ(c.outcome, Outcome::kMismatch);
  EXPECT_EQ(c.counts["only_legacy"], 1);
  EXPECT_EQ(c.counts["only_new"], 1);
  EXPECT_EQ(c.differences.at(0).location, "/2");
  EXPECT_EQ(JsonRun(json::object(), "[1, 2]", "[2, 1]").outcome, Outcome::kMismatch);
}

TEST(JsonComparatorTest, InvalidJsonNamesFileLineAndColumn) {
  TestTempDir dir;
  auto bad = dir.Write("bad.json", "{\n  \"a\": 1,\n  \"b\": tru\n}\n");
  auto c = JsonComparator::FromOptions(json::object());
  Comparison r = (*c)->Compare(dir.Write("ok.json", "{}"), bad);
  EXPECT_EQ(r.outcome, Outcome::kError);
  EXPECT_NE(r.message.find("new: " + bad.string() + ": line 3, column"), std::string::npos)
      << r.message;
  EXPECT_NE(r.message.find("invalid JSON"), std::string::npos);
  auto gz = dir.WriteGzip("cut.json.gz", std::string(5000, ' ') + "[1, 2, 3]");
  TestTempDir::CutTail(gz, 10);
  Comparison t = (*c)->Compare(gz, dir.Write("x.json", "[]"));
  EXPECT_EQ(t.outcome, Outcome::kError);
  EXPECT_NE(t.message.find("legacy: " + gz.string()), std::string::npos) << t.message;
  EXPECT_EQ((*c)->Compare(dir.Write("empty.json", ""), dir.Write("y.json", "[]")).outcome,
            Outcome::kError);
}

TEST(JsonComparatorTest, BadOptions) {
  EXPECT_FALSE(JsonComparator::FromOptions({{"ignore_paths", "meta"}}).ok());
  EXPECT_FALSE(JsonComparator::FromOptions({{"tolerance", {{"abs", 1}}}}).ok());
  EXPECT_FALSE(JsonComparator::FromOptions({{"tolerance", -1}}).ok());
  EXPECT_FALSE(JsonComparator::FromOptions({{"array_order", "sorted"}}).ok());
  EXPECT_FALSE(JsonComparator::FromOptions({{"bogus", 1}}).ok());
}

}  // namespace
}  // namespace cutover
