#include "compare/metric_thresholds.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

using nlohmann::json;

constexpr MetricBound kOffered[] = {{"recall", true}, {"only_new", false}};

TEST(MetricThresholdsTest, ParsesOnlyTheGivenOnes) {
  EXPECT_EQ(ThresholdOptionNames(kOffered), (std::vector<std::string>{"min_recall", "max_only_new"}));
  auto t = ParseMetricThresholds("vcf", json{{"min_recall", "0.99"}, {"other", 1}}, kOffered);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->size(), 1u);
  EXPECT_EQ((*t)[0].option(), "min_recall");
  EXPECT_DOUBLE_EQ((*t)[0].bound, 0.99);
  for (const json& bad : {json(1.5), json(-0.1), json("x"), json(true)}) {
    auto r = ParseMetricThresholds("vcf", json{{"max_only_new", bad}}, kOffered);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find("comparator 'vcf': option 'max_only_new'"),
              std::string::npos);
  }
}

TEST(MetricThresholdsTest, BoundsAreInclusiveAndMissingMetricsPass) {
  auto t = ParseMetricThresholds("vcf", json{{"min_recall", 0.9}, {"max_only_new", 0.1}}, kOffered);
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(FailedThresholds(*t, json{{"recall", 0.9}, {"only_new", 0.1}}).empty());
  EXPECT_EQ(FailedThresholds(*t, json{{"recall", 0.8999}, {"only_new", 0.1001}}),
            (std::vector<std::string>{"recall 0.8999 < 0.9", "only_new 0.1001 > 0.1"}));
  EXPECT_TRUE(FailedThresholds(*t, json{{"recall", nullptr}}).empty());
}

}  // namespace
}  // namespace cutover
