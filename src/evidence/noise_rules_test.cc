#include "evidence/noise_rules.h"

#include <gtest/gtest.h>

#include "compare/text_comparator.h"

namespace cutover {
namespace {

using nlohmann::json;

Comparison Changed(const std::vector<std::pair<std::string, std::string>>& lines) {
  Comparison c;
  c.outcome = Outcome::kMismatch;
  int n = 0;
  for (const auto& [a, b] : lines) {
    Difference d;
    d.location = "line " + std::to_string(++n);
    d.legacy = a;
    d.new_side = b;
    c.differences.push_back(d);
  }
  return c;
}

TEST(NoiseRulesTest, TimestampsBecomeReplaceRules) {
  RuleProposal p = ProposeNoiseRules(
      "text", json::object(),
      Changed({{"# generated 2026-01-05T09:00:00Z by qc", "# generated 2026-01-05T09:00:02Z by qc"},
               {"Run at Tue Nov 24 01:20:39 UTC 2026", "Run at Tue Nov 24 01:20:41 UTC 2026"},
               {"tmp=/tmp/tmp.ab12/x ok", "tmp=/tmp/tmp.Zq9/x ok"}}),
      true);
  EXPECT_TRUE(p.changed);
  EXPECT_EQ(p.kind, "text");
  ASSERT_EQ(p.options["replace"].size(), 3u) << p.options.dump();
  EXPECT_EQ(p.options["replace"][0]["with"], "<TIME>");
  EXPECT_EQ(p.options["replace"][2]["with"], "<TMP>");
  EXPECT_FALSE(p.options.contains("ignore"));
  EXPECT_EQ(p.reasons.at(0), "ISO timestamps (line 1)");
  EXPECT_EQ(p.reasons.at(1), "date(1)-style timestamps (line 2)");

  // The proposed rules make the very same lines equal: checked with the real comparator.
  auto text = TextComparator::FromOptions(p.options);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
}

TEST(NoiseRulesTest, OtherValuesIgnoreTheLineByItsPrefix) {
  RuleProposal p = ProposeNoiseRules(
      "text", json{{"ignore", "^#"}},
      Changed({{"Elapsed: 0.52 s", "Elapsed: 0.61 s"}, {"x", "y"}}), true);
  EXPECT_TRUE(p.changed);
  EXPECT_EQ(p.options["ignore"], json::array({"^#", "^Elapsed: "})) << p.options.dump();
  EXPECT_EQ(p.reasons.size(), 1u);  // "x" vs "y" has no prefix to anchor a rule on
}

TEST(NoiseRulesTest, ReorderedLinesGiveOrderAny) {
  Comparison c;
  c.outcome = Outcome::kMismatch;
  c.counts = {{"lines_legacy", 3}, {"lines_new", 3}};
  Difference d;
  d.location = "line 1";
  d.legacy = "b";
  d.in_new = false;
  c.differences.push_back(d);
  RuleProposal p = ProposeNoiseRules("text", json::object(), c, true);
  EXPECT_TRUE(p.changed);
  EXPECT_EQ(p.options["order"], "any");
  // Different line counts are not a reordering.
  c.counts["lines_new"] = 4;
  EXPECT_FALSE(ProposeNoiseRules("text", json::object(), c, true).changed);
}

TEST(NoiseRulesTest, BytesOfTextMoveToText) {
  Comparison c;
  c.outcome = Outcome::kMismatch;
  RuleProposal p = ProposeNoiseRules("bytes", json::object(), c, true);
  EXPECT_TRUE(p.changed);
  EXPECT_EQ(p.kind, "text");
  EXPECT_FALSE(ProposeNoiseRules("bytes", json::object(), c, false).changed);
}

TEST(NoiseRulesTest, NothingToDoForAMatchOrAnUnknownKind) {
  Comparison match;
  match.outcome = Outcome::kMatch;
  EXPECT_FALSE(ProposeNoiseRules("text", json::object(), match, true).changed);
  EXPECT_FALSE(ProposeNoiseRules("fastqc", json::object(), Changed({{"a 1", "a 2"}}), true).changed);
  // Rules already present are not added twice.
  RuleProposal once = ProposeNoiseRules("text", json::object(),
                                        Changed({{"at 2026-01-01", "at 2026-01-02"}}), true);
  RuleProposal twice = ProposeNoiseRules("text", once.options,
                                         Changed({{"at 2026-01-01", "at 2026-01-02"}}), true);
  EXPECT_FALSE(twice.changed);
  EXPECT_EQ(twice.options, once.options);
}

}  // namespace
}  // namespace cutover
