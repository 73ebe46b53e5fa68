#include <gtest/gtest.h>

#include "compare/comparator.h"

namespace cutover {
namespace {

using nlohmann::json;

Comparison Sample() {
  Comparison c;
  c.outcome = Outcome::kMismatch;
  c.message = "2 lines differ (1 changed, 1 only in new), first at line 12";
  c.counts = {{"lines_legacy", 20}, {"lines_new", 21}, {"differing_lines", 2}};
  c.differences.push_back({"line 12", "a\t1", "a\t2"});
  Difference extra{"new line 21", "", "added"};
  extra.in_legacy = false;
  c.differences.push_back(extra);
  return c;
}

TEST(ComparisonTest, JsonRoundTrip) {
  Comparison c = Sample();
  json j = c.ToJson();
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["outcome"], "mismatch");
  EXPECT_EQ(j["differences"][0]["new"], "a\t2");
  EXPECT_FALSE(j["differences"][0].contains("in_legacy"));
  EXPECT_EQ(j["differences"][1]["in_legacy"], false);

  auto back = Comparison::FromJson(json::parse(j.dump()));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->outcome, c.outcome);
  EXPECT_EQ(back->message, c.message);
  EXPECT_EQ(back->counts, c.counts);
  ASSERT_EQ(back->differences.size(), 2u);
  EXPECT_EQ(back->differences[0].location, "line 12");
  EXPECT_EQ(back->differences[0].legacy, "a\t1");
  EXPECT_EQ(back->differences[0].new_side, "a\t2");
  EXPECT_TRUE(back->differences[0].in_legacy);
  EXPECT_FALSE(back->differences[1].in_legacy);
  EXPECT_TRUE(back->differences[1].in_new);
  EXPECT_EQ(back->ToJson(), j);

  for (Outcome o : {Outcome::kMatch, Outcome::kNoise, Outcome::kError}) {
    Comparison simple;
    simple.outcome = o;
    simple.message = "m";
    auto r = Comparison::FromJson(simple.ToJson());
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->outcome, o);
  }
}

TEST(ComparisonTest, MetricsRoundTripAndRenderOnlyWhenPresent) {
  Comparison c = Sample();
  EXPECT_FALSE(c.ToJson().contains("metrics"));
  EXPECT_EQ(RenderComparison(c).find("metrics"), std::string::npos);
  c.metrics = {{"same_placement", 0.99875}, {"reads_compared", 800}};
  json j = c.ToJson();
  EXPECT_EQ(j["metrics"]["same_placement"], 0.99875);
  auto back = Comparison::FromJson(json::parse(j.dump()));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->metrics, c.metrics);
  EXPECT_NE(RenderComparison(c).find("  metrics: reads_compared 800, same_placement 0.9988\n"),
            std::string::npos)
      << RenderComparison(c);
  json bad = j;
  bad["metrics"] = 3;
  EXPECT_FALSE(Comparison::FromJson(bad).ok());
  EXPECT_EQ(FormatMetrics({{"recall", nullptr}, {"sites_both", 12}, {"precision", 1.0}}),
            "precision 1.0000, recall n/a, sites_both 12");
  EXPECT_EQ(FormatMetrics(json::array()), "");
}

TEST(ComparisonTest, ToJsonAlwaysSerializes) {
  Comparison c;
  c.message = std::string("bad \xff byte");
  c.differences.push_back({"line 1", std::string("\xc3"), "ok"});
  c.counts = {{"path", std::string("\xfe")}};
  json j = c.ToJson();
  std::string dumped;
  ASSERT_NO_THROW(dumped = j.dump());
  EXPECT_EQ(j["message"], "bad \\xff byte");
}

TEST(ComparisonTest, FromJsonRejectsMalformedInput) {
  EXPECT_EQ(Comparison::FromJson(json::array()).status().code(), StatusCode::kCorruption);
  EXPECT_FALSE(Comparison::FromJson(json{{"message", "x"}}).ok());  // no outcome
  EXPECT_FALSE(Comparison::FromJson(json{{"outcome", "maybe"}}).ok());
  EXPECT_FALSE(Comparison::FromJson(json{{"outcome", "match"}, {"counts", 3}}).ok());
  EXPECT_FALSE(Comparison::FromJson(json{{"outcome", "match"}, {"differences", {1}}}).ok());
  EXPECT_FALSE(
      Comparison::FromJson(json{{"outcome", "match"}, {"differences", {{{"legacy", "x"}}}}}).ok());
  auto future = Comparison::FromJson(json{{"version", 2}, {"outcome", "match"}});
  ASSERT_FALSE(future.ok());
  EXPECT_NE(future.status().message().find("version 2"), std::string::npos);
  // Minimal input: only the outcome.
  auto minimal = Comparison::FromJson(json{{"outcome", "match"}});
  ASSERT_TRUE(minimal.ok());
  EXPECT_TRUE(minimal->differences.empty());
}

TEST(ComparisonTest, RenderIsDiffLike) {
  std::string text = RenderComparison(Sample());
  EXPECT_EQ(text,
            "mismatch: 2 lines differ (1 changed, 1 only in new), first at line 12\n"
            "  differing_lines 2, lines_legacy 20, lines_new 21\n"
            "@@ line 12 @@\n"
            "- a\t1\n"
            "+ a\t2\n"
            "@@ new line 21 @@\n"
            "+ added\n");
  Comparison match;
  match.outcome = Outcome::kMatch;
  match.message = "identical";
  EXPECT_EQ(RenderComparison(match), "match: identical\n");
}

TEST(ComparisonTest, RenderMarksEveryLineOfMultiLineContentAndColours) {
  Comparison c;
  c.outcome = Outcome::kMismatch;
  c.message = "1 record differs";
  Difference d;
  d.location = "record 3";
  d.legacy = "@r3\nACGT\n+\nIIII";
  d.new_side = "@r3\nACGA\n+\nIIII\n";
  c.differences.push_back(d);
  EXPECT_EQ(RenderComparison(c),
            "mismatch: 1 record differs\n@@ record 3 @@\n- @r3\n- ACGT\n- +\n- IIII\n"
            "+ @r3\n+ ACGA\n+ +\n+ IIII\n");
  std::string coloured = RenderComparison(c, {.color = true});
  EXPECT_NE(coloured.find("\033[31m- ACGT\033[0m\n"), std::string::npos) << coloured;
  EXPECT_NE(coloured.find("\033[32m+ ACGA\033[0m\n"), std::string::npos) << coloured;
}

}  // namespace
}  // namespace cutover
