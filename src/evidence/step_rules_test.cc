#include "evidence/step_rules.h"

#include <gtest/gtest.h>

#include "pipeline/loader.h"

namespace cutover {
namespace {

Result<Pipeline> Parse(const std::string& yaml) {
  return ParsePipeline(yaml, "/lab/cutover.yaml", "/lab");
}

TEST(StepRulesTest, BuildsEveryComparatorAndPolicyOnce) {
  auto p = Parse(R"(
samples: {list: [a]}
steps:
  qc:
    outputs:
      data: {path: "out/{sample}.txt", compare: {kind: text, ignore: ["^#"]}}
      html: {path: "out/{sample}.html", compare: none}
      zip: "out/{sample}.zip"
    legacy: {command: "true"}
    policy: {min_comparisons: 3, canary_steps: [25]}
  report:
    scope: all
    outputs: {r: "out/report.md"}
    legacy: {command: "true"}
)");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto rules = BuildPipelineRules(*p);
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  const StepRules& qc = rules->Of("qc");
  EXPECT_EQ(qc.ComparatorOf("data").kind(), "text");
  EXPECT_EQ(qc.ComparatorOf("html").kind(), "none");
  EXPECT_EQ(qc.ComparatorOf("zip").kind(), "bytes");  // the default
  EXPECT_EQ(qc.policy.min_comparisons, 3);
  EXPECT_EQ(qc.policy.canary_steps, std::vector<int>{25});
  EXPECT_EQ(qc.policy.min_samples, GatePolicy{}.min_samples);  // defaults for the rest
  EXPECT_TRUE(rules->Has("report"));
  EXPECT_FALSE(rules->Has("trim"));
  EXPECT_EQ(rules->Of("report").policy.min_days, GatePolicy{}.min_days);
}

TEST(StepRulesTest, BadCompareSpecNamesItsPlace) {
  auto p = Parse(R"(
samples: {list: [a]}
steps:
  qc:
    outputs:
      data: {path: "out/{sample}.txt", compare: {kind: text, no_such_option: 1}}
    legacy: {command: "true"}
)");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto rules = BuildPipelineRules(*p);
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(rules.status().message().rfind("/lab/cutover.yaml:6:", 0), 0u)
      << rules.status().message();
  EXPECT_NE(rules.status().message().find("no_such_option"), std::string::npos)
      << rules.status().message();
}

TEST(StepRulesTest, BadPolicyNamesItsPlace) {
  auto p = Parse(R"(
samples: {list: [a]}
steps:
  qc:
    outputs: {data: "out/{sample}.txt"}
    legacy: {command: "true"}
    policy: {min_days: "soon"}
)");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  auto rules = BuildPipelineRules(*p);
  ASSERT_FALSE(rules.ok());
  EXPECT_EQ(rules.status().message().rfind("/lab/cutover.yaml:7:", 0), 0u)
      << rules.status().message();
  EXPECT_NE(rules.status().message().find("min_days"), std::string::npos)
      << rules.status().message();
}

}  // namespace
}  // namespace cutover
