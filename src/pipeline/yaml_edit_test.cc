#include "pipeline/yaml_edit.h"

#include <gtest/gtest.h>

namespace cutover {
namespace {

using nlohmann::json;

TEST(ToFlowYamlTest, QuotesEveryString) {
  EXPECT_EQ(ToFlowYaml({{"kind", "text"},
                        {"ignore", {"^# it's", R"(\d+)"}},
                        {"max_differences", 5},
                        {"order", "any"}}),
            R"({kind: 'text', ignore: ['^# it''s', '\d+'], max_differences: 5, order: 'any'})");
}

constexpr std::string_view kFile = R"(# pipeline
steps:
  qc:   # the qc step
    outputs:
      short: "results/{sample}.txt"   # a comment
      block:
        path: "results/{sample}.tsv"
        compare:
          kind: text
          ignore: ['^#']
      plain:
        path: results/{sample}.csv
      flow: {path: "x.txt"}
    legacy:
      command: "true"
)";

TEST(SetOutputCompareTest, ShortFormBecomesAFlowMapping) {
  auto edited = SetOutputCompare(kFile, "qc", "short", "{kind: 'text'}");
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_NE(edited->find(R"(      short: {path: "results/{sample}.txt", compare: {kind: 'text'}} # a comment)"),
            std::string::npos)
      << *edited;
}

TEST(SetOutputCompareTest, ReplacesABlockCompareKeepingTheRest) {
  auto edited = SetOutputCompare(kFile, "qc", "block", "{kind: 'text', order: 'any'}");
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_NE(edited->find("        path: \"results/{sample}.tsv\"\n        compare: {kind: 'text', "
                         "order: 'any'}\n      plain:"),
            std::string::npos)
      << *edited;
  EXPECT_NE(edited->find("# pipeline\n"), std::string::npos);
  EXPECT_NE(edited->find("qc:   # the qc step"), std::string::npos);
}

TEST(SetOutputCompareTest, AddsCompareToABlockWithoutOne) {
  auto edited = SetOutputCompare(kFile, "qc", "plain", "{kind: 'text'}");
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_NE(edited->find("        path: results/{sample}.csv\n        compare: {kind: 'text'}\n"
                         "      flow:"),
            std::string::npos)
      << *edited;
}

TEST(SetOutputCompareTest, RefusesWhatItCannotEditSafely) {
  EXPECT_FALSE(SetOutputCompare(kFile, "qc", "flow", "{}").ok());
  EXPECT_FALSE(SetOutputCompare(kFile, "qc", "nope", "{}").ok());
  EXPECT_FALSE(SetOutputCompare(kFile, "trim", "short", "{}").ok());
}

}  // namespace
}  // namespace cutover
