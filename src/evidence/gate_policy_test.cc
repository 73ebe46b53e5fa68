#include "evidence/gate_policy.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

using nlohmann::json;

TEST(GatePolicyTest, DefaultsAndOverrides) {
  auto d = ParseGatePolicy(json::object());
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->min_comparisons, 20);
  EXPECT_EQ(d->canary_steps, (std::vector<int>{10, 50}));
  auto p = ParseGatePolicy({{"min_comparisons", 10}, {"min_days", 14}, {"max_mismatch_rate", 0.05},
                            {"canary_steps", {25}}, {"clean_last", 0}, {"min_samples", 2}});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->min_comparisons, 10);
  EXPECT_EQ(p->min_days, 14);
  EXPECT_EQ(p->max_mismatch_rate, 0.05);
  EXPECT_EQ(p->canary_steps, (std::vector<int>{25}));
  EXPECT_EQ(ToJson(*p)["min_samples"], 2);
  auto m = ParseGatePolicy({{"min_metric", {{"same_placement", 0.995}, {"recall", 0.99}}}});
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->min_metric, (std::map<std::string, double>{{"recall", 0.99}, {"same_placement", 0.995}}));
  EXPECT_EQ(ToJson(*m)["min_metric"]["recall"], 0.99);
}

TEST(GatePolicyTest, ErrorsNameTheKey) {
  auto message = [](const json& j) {
    auto r = ParseGatePolicy(j);
    return r.ok() ? std::string("ok") : r.status().message();
  };
  EXPECT_EQ(message({{"min_dayz", 3}}),
            "policy: unknown key 'min_dayz' (known: min_comparisons, min_samples, min_days, "
            "max_mismatch_rate, clean_last, canary_steps, min_metric)");
  EXPECT_EQ(message({{"min_metric", 0.9}}),
            "policy: min_metric must be a mapping METRIC: number (same_placement: 0.995), got 0.9");
  EXPECT_EQ(message({{"min_metric", {{"recall", "high"}}}}),
            "policy: min_metric.recall must be a number from -1e+18 to 1e+18, got \"high\"");
  EXPECT_EQ(message({{"min_days", "x"}}), "policy: min_days must be a number from 0 to 3650, got \"x\"");
  EXPECT_EQ(message({{"max_mismatch_rate", 2}}),
            "policy: max_mismatch_rate must be a number from 0 to 1, got 2");
  EXPECT_EQ(message({{"min_comparisons", -1}}),
            "policy: min_comparisons must be a whole number >= 0, got -1");
  EXPECT_EQ(message({{"canary_steps", {50, 10}}}),
            "policy: canary_steps must be a list of increasing percentages (1-99), got [50,10]");
  EXPECT_EQ(message(json::array()), "policy: expected a mapping, got []");
}

}  // namespace
}  // namespace cutover
